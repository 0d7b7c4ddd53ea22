import { describe, expect, it } from "vitest";
import { readWorkbook } from "@roster/spreadsheet";
import type { Child, Guardian } from "@roster/schema";
import { WorkerJobs } from "./worker-jobs";
import type { ListData, WorkerReply, WorkerRequest } from "./worker-protocol";

async function ask(jobs: WorkerJobs, request: WorkerRequest): Promise<WorkerReply[]> {
  const replies: WorkerReply[] = [];
  await jobs.handle(request, (r) => replies.push(r));
  return replies;
}

const mother: Guardian = { id: "g1", fullName: "Trần Thị Hoa", pid: "001188004512" };
const children: Child[] = [
  { id: "c1", fullName: "Nguyễn Văn An", dob: "2015-03-02", gender: "male", pid: "001215000123", motherId: "g1", representative: "mother" },
  { id: "c2", fullName: "=HYPERLINK(\"x\")", dob: "2016-01-01", gender: "female" },
];
const data: ListData = {
  children,
  guardians: { g1: mother },
  evaluations: [
    ["c1", { status: "clean", findings: [] }],
    ["c2", { status: "needs-fix", findings: [{ code: "pid.missing", field: "pid", severity: "error", message: { vi: "Chưa có số định danh", en: "No ID" } }] }],
  ],
  statuses: [["c1", "verified"], ["c2", "needs-fix"]],
  disputed: new Map(),
};
const base = { data, village: "Thôn Đông", commune: "Xã Chiềng Sinh", asOf: "2026-11-23" };

describe("worker jobs: lists", () => {
  it("writes the printable handover page with only the verified children", async () => {
    const [reply] = await ask(new WorkerJobs(), {
      id: 1, type: "list", kind: "handover", format: "html", ...base,
      handover: { village: "Thôn Đông", commune: "Xã Chiềng Sinh", date: "2026-11-23", verified: ["c1"] },
    });
    if (reply?.type !== "list" || reply.output.format !== "html") throw new Error(JSON.stringify(reply));
    expect(reply.output.rows).toBe(1);
    expect(reply.output.html).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(reply.output.html).toContain("Nguyễn Văn An");
    expect(reply.output.html).not.toContain("HYPERLINK");
  });

  it("writes the problem list as XLSX with only the children needing fixes and their findings in words, formulas neutralised", async () => {
    const [reply] = await ask(new WorkerJobs(), { id: 2, type: "list", kind: "problems", format: "xlsx", ...base });
    if (reply?.type !== "list" || reply.output.format !== "xlsx") throw new Error(JSON.stringify(reply));
    const table = await readWorkbook(reply.output.bytes, "p.xlsx");
    const cells = table.rows.flat().map(String);
    expect(cells).toContain("Chưa có số định danh");
    // Stored with the leading apostrophe: Excel shows the text and runs nothing.
    expect(cells).toContain(`'=HYPERLINK("x")`);
    expect(cells).not.toContain("Nguyễn Văn An");
  });

  it("writes the cleaned list with the verified children only", async () => {
    const [reply] = await ask(new WorkerJobs(), { id: 4, type: "list", kind: "cleaned", format: "csv", ...base });
    if (reply?.type !== "list" || reply.output.format !== "csv") throw new Error(JSON.stringify(reply));
    expect(reply.output.rows).toBe(1);
    const text = new TextDecoder().decode(reply.output.bytes);
    expect(text).toContain("Nguyễn Văn An");
    expect(text).not.toContain("HYPERLINK");
  });

  it("answers a plan before any file with an error, not a crash", async () => {
    const [reply] = await ask(new WorkerJobs(), { id: 3, type: "plan", mapping: ["fullName"], header: null, roster: { children: [], guardians: {} }, asOf: "2026-11-23" });
    expect(reply).toMatchObject({ id: 3, type: "error", text: null });
  });
});

describe("worker jobs: reading within limits", () => {
  it("reads a list, and refuses the 1.7 kB workbook merged over A1:XFD1048576 with a readable message before exceljs loads it", async () => {
    const { mergedListXlsx } = await import("../../../../packages/spreadsheet/test/hostile-files");
    const jobs = new WorkerJobs();
    const read = async (bytes: Uint8Array) =>
      (await ask(jobs, { id: 1, type: "read", bytes: bytes.slice().buffer, fileName: "lop-1a.xlsx" }))[0];
    expect(await read(await mergedListXlsx("D2:E3"))).toMatchObject({ type: "read" });
    const refused = await read(await mergedListXlsx("A1:XFD1048576"));
    if (refused?.type !== "error") throw new Error(JSON.stringify(refused));
    expect(refused.text?.vi).toMatch(/^Danh sách quá dài/);
    expect(refused.text?.en).toMatch(/^The list is too long/);
  });
});

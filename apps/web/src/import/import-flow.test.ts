import { describe, expect, it } from "vitest";
import { createRecordsDoc, listImports, RosterRecords } from "@roster/doc";
import * as Y from "yjs";
import { SCHOOL_LIST_FILE, schoolListXlsx } from "../../e2e/support/school-list";
import { ImportFlow } from "./import-flow";
import { SpreadsheetClient, type WorkerPort } from "./spreadsheet-client";
import { WorkerJobs } from "./worker-jobs";
import type { WorkerReply, WorkerRequest } from "./worker-protocol";

/** The worker's real jobs, run in this process instead of a Web Worker, one at a time as there. */
function inProcessPort(): WorkerPort {
  const jobs = new WorkerJobs();
  let queue = Promise.resolve();
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage: (request: WorkerRequest) => {
      queue = queue.then(() => jobs.handle(request, (reply: WorkerReply) => port.onmessage?.({ data: reply } as MessageEvent<WorkerReply>)));
    },
    terminate: () => undefined,
  };
  return port;
}

const actor = { id: "u-school", name: "GV Kim Đồng" };
const NOW = new Date("2026-11-23T03:00:00Z");

async function setUp(extra: { online?: () => boolean; offlineMaxRows?: number } = {}) {
  const doc = createRecordsDoc();
  const records = new RosterRecords(doc);
  const mother = records.createGuardian({ fullName: "Trần Thị Hoa", gender: "female", dob: "1988-04-12", pid: "001188004512" });
  const an = records.createChild({
    fullName: "Nguyễn Văn An", dob: "2015-03-02", gender: "male", ethnicity: "01", pid: "001215000123", grade: "5A", motherId: mother, representative: "mother",
  });
  const flow = new ImportFlow({ client: new SpreadsheetClient(inProcessPort()), records, actor: () => actor, now: () => NOW, replanDelayMs: 0, ...extra });
  const bytes = await schoolListXlsx();
  const file = { name: SCHOOL_LIST_FILE, arrayBuffer: async () => bytes.slice().buffer };
  return { doc, records, flow, file, an };
}

describe("ImportFlow", () => {
  it("reads a class list below its title block, guesses the columns and previews adds, updates and rejections", async () => {
    const { flow, file, an } = await setUp();
    await flow.pick(file);
    const summary = flow.summary()!;
    expect(summary.header?.first).toBe(4);
    expect(summary.mapping.slice(0, 9)).toEqual(["index", "fullName", "dob", "gender", "ethnicity", "pid", "mother.fullName", "phone", "grade"]);
    expect(summary.mapping[9]).toBeNull();
    expect(summary.samples[9]).toEqual(["Bản Co Phương", "Bản Co Phương", "Bản Co Phương"]);
    const plan = flow.plan()!;
    expect(plan.add.map((a) => a.fields.fullName)).toEqual(["Lò Văn Bình", "Quàng Thị Cúc"]);
    expect(plan.add[0]!.fields.dob).toBe("2016-09-14");
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0]!.childId).toBe(an);
    expect(plan.update[0]!.changes).toContainEqual({ field: "grade", from: "5A", to: "5B" });
    expect(plan.rejected.map((r) => r.row)).toEqual([9]);
    // Siblings share their mother: one new guardian for two children.
    expect(plan.guardianAdd.filter((g) => g.fields.fullName === "Lò Thị Xuân")).toHaveLength(1);
  });

  it("plans again when a column is pointed at another field", async () => {
    const { flow, file } = await setUp();
    await flow.pick(file);
    flow.setColumn(9, "address");
    await flow.runPlan();
    expect(flow.plan()!.add[0]!.fields.address).toBe("Bản Co Phương");
    flow.setColumn(1, null);
    await flow.runPlan();
    expect(flow.plan()).toBeNull();
    expect(flow.problems().map((p) => p.en)).toContain("No column is mapped to the full name");
  });

  it("commits in one transaction that also logs the file, with the file as origin", async () => {
    const { doc, records, flow, file, an } = await setUp();
    await flow.pick(file);
    let transactions = 0;
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => {
      transactions++;
      origins.push(tr.origin);
    });
    expect(await flow.commit()).toBe(true);
    expect(transactions).toBe(1);
    expect(origins).toEqual([{ source: `import:${SCHOOL_LIST_FILE}` }]);
    expect(flow.result()?.result).toMatchObject({ added: 2, updated: 1 });
    expect(records.listChildren().map((c) => c.fullName).sort()).toEqual(["Lò Văn Bình", "Nguyễn Văn An", "Quàng Thị Cúc"]);
    expect(records.getChild(an)?.grade).toBe("5B");
    expect(listImports(doc)).toEqual([
      expect.objectContaining({ file: SCHOOL_LIST_FILE, by: actor.id, byName: actor.name, added: 2, updated: 1, rejected: 1, at: NOW.toISOString() }),
    ]);
  });

  it("writes once when Import is pressed twice", async () => {
    const { doc, records, flow, file } = await setUp();
    await flow.pick(file);
    const results = await Promise.all([flow.commit(), flow.commit()]);
    expect(results.sort()).toEqual([false, true]);
    expect(records.listChildren()).toHaveLength(3);
    expect(listImports(doc)).toHaveLength(1);
  });

  it("plans again before committing when the roster changed since the preview, and asks again if the plan changed", async () => {
    const { doc, records, flow, file } = await setUp();
    await flow.pick(file);
    // Another device adds Lò Văn Bình meanwhile (arrives through sync).
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    new RosterRecords(other).createChild({ fullName: "Lò Văn Bình", dob: "2016-09-14", gender: "male" });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));

    expect(await flow.commit()).toBe(false);
    expect(flow.replanned()).toBe(true);
    expect(flow.plan()!.add.map((a) => a.fields.fullName)).toEqual(["Quàng Thị Cúc"]);
    expect(records.listChildren()).toHaveLength(2);

    expect(await flow.commit()).toBe(true);
    expect(records.listChildren().filter((c) => c.fullName === "Lò Văn Bình")).toHaveLength(1);
  });

  it("refuses an import too large to sync later while offline, and writes it once online", async () => {
    let online = false;
    const { records, flow, file } = await setUp({ online: () => online, offlineMaxRows: 2 });
    await flow.pick(file);
    expect(await flow.commit()).toBe(false);
    expect(flow.error()).toEqual({ key: "import.tooLargeOffline", n: 3, max: 2 });
    expect(records.listChildren()).toHaveLength(1);
    online = true;
    expect(await flow.commit()).toBe(true);
    expect(records.listChildren()).toHaveLength(3);
  });

  it("shows the package's words for a file it cannot read", async () => {
    const { flow } = await setUp();
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await flow.pick({ name: "cu.xls", arrayBuffer: async () => xls.buffer });
    const error = flow.error();
    expect(error && "text" in error ? error.text.vi : "").toContain(".xls");
    expect(flow.summary()).toBeNull();
  });
});

// The lists of the cleaning procedure as files: the step-4 list in its fixed layout (and
// export → import changes nothing), the step-1 problem list, the step-3 handover list
// (printable HTML and XLSX), the status filter on the server's own statuses, formula
// neutralisation and file names.
import ExcelJS from "exceljs";
import { AuditEntrySchema, ChildViewSchema, ErrorBodySchema, ImportResultSchema, type ChildView } from "@roster/schema";
import { CLEANED_LIST_COLUMNS } from "@roster/spreadsheet";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { addRoster } from "../src/accounts/accounts";
import { aChildWithoutPid, aCleanChild, aMother, seedRecords } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { fetchFile, sample, upload } from "./helpers/upload";
import { eventually } from "./helpers/wait";
import { COMMUNE_A, ROSTERS } from "./helpers/world";

const ROSTER = "ngoc-ha-export";
const ROSTER_NAME = "Tổ dân phố số 9";
const INJECTION = '=HYPERLINK("http://example.invalid","Bấm")';

const shared = useSharedServer();

beforeAll(async () => {
  await addRoster(shared.server.running.store, COMMUNE_A.code, ROSTER, ROSTER_NAME);
  await seedRecords(
    shared.server.running.store,
    ROSTER,
    [
      aCleanChild(),
      { id: "c-hoa", ...aChildWithoutPid({ note: INJECTION }) },
      aCleanChild({ id: "c-lan", fullName: "Lê Thị Lan", gender: "female", pid: "001315004321", bhyt: "HS4010155555555" }),
    ],
    [aMother()],
  );
  // The police verify Nguyễn Văn An.
  const list = z.array(ChildViewSchema).parse((await api(shared.server.url, `/api/rosters/${ROSTER}/children`, { token: shared.sessions.police.token })).body);
  const an = list.find((c) => c.fullName === "Nguyễn Văn An")!;
  const verified = await api(shared.server.url, `/api/rosters/${ROSTER}/children/${an.id}/verify`, { method: "POST", token: shared.sessions.police.token, body: { fingerprint: an.fingerprint } });
  expect(verified.status, verified.text).toBe(200);
});

const exportPath = (query: string, roster = ROSTER) => `/api/rosters/${roster}/export${query}`;

async function sheetRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

/** CSV lines as cells (our CSVs quote only where needed; these values hold no comma). */
function csvRows(text: string): string[][] {
  return text.replace(/^\uFEFF/, "").trim().split("\r\n").map((line) => line.split(","));
}

async function children(): Promise<ChildView[]> {
  return z.array(ChildViewSchema).parse((await api(shared.server.url, `/api/rosters/${ROSTER}/children`, { token: shared.sessions.viewer.token })).body);
}

describe("step 4: the cleaned list", () => {
  it("is the default: XLSX in the fixed column layout, every child, with a Vietnamese file name", async () => {
    const file = await fetchFile(shared.server.url, exportPath(""), shared.sessions.viewer.token);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = file.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="danh-sach-da-lam-sach-to-dan-pho-so-9-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    const encoded = disposition.split("filename*=UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toMatch(/^Danh sách đã làm sạch - Tổ dân phố số 9 - \d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await sheetRows(file.bytes);
    expect(rows[0]).toEqual(CLEANED_LIST_COLUMNS.map((c) => c.header));
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(["Lê Thị Lan", "Nguyễn Văn An", "Phạm Thị Hoa"]);
  });

  it("filters by the server's status", async () => {
    const verified = await fetchFile(shared.server.url, exportPath("?format=csv&status=verified"), shared.sessions.viewer.token);
    expect(verified.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRows(verified.text).slice(1).map((r) => r[1])).toEqual(["Nguyễn Văn An"]);
    const needsFix = await fetchFile(shared.server.url, exportPath("?format=csv&status=needs-fix"), shared.sessions.viewer.token);
    expect(csvRows(needsFix.text).slice(1).map((r) => r[1])).toEqual(["Phạm Thị Hoa"]);
  });

  it("neutralises a value that would run as a formula", async () => {
    const file = await fetchFile(shared.server.url, exportPath("?format=csv"), shared.sessions.viewer.token);
    expect(file.text).toContain(`'=HYPERLINK(`);
    expect(file.text).not.toMatch(/(^|,|")=HYPERLINK/m);
    const xlsx = await sheetRows((await fetchFile(shared.server.url, exportPath(""), shared.sessions.viewer.token)).bytes);
    expect(xlsx.flat()).toContain(`'${INJECTION}`);
  });

  for (const format of ["xlsx", "csv"] as const) {
    it(`export then import of the same ${format.toUpperCase()} file changes nothing`, async () => {
      // A roster with a real imported class list too, not only hand-made records.
      await upload(shared.server.url, `/api/rosters/${ROSTER}/import`, shared.sessions.school.token, { name: "danh-sach-lop-3a.xlsx", bytes: sample("danh-sach-lop-3a.xlsx") });
      const before = await children();
      const auditBefore = await eventually(async () => {
        const entries = z.array(AuditEntrySchema).parse((await api(shared.server.url, `/api/rosters/${ROSTER}/audit`, { token: shared.sessions.viewer.token })).body);
        expect(entries.some((e) => e.source === "danh-sach-lop-3a.xlsx")).toBe(true);
        return entries;
      });
      const exported = await fetchFile(shared.server.url, exportPath(`?format=${format}`), shared.sessions.school.token);
      expect(exported.status).toBe(200);
      const answer = await upload(shared.server.url, `/api/rosters/${ROSTER}/import`, shared.sessions.school.token, { name: `export.${format}`, bytes: exported.bytes });
      expect(answer.status, answer.text).toBe(200);
      expect(ImportResultSchema.parse(answer.body)).toEqual({ added: 0, updated: 0, rejected: [] });
      expect(await children()).toEqual(before);
      const auditAfter = z.array(AuditEntrySchema).parse((await api(shared.server.url, `/api/rosters/${ROSTER}/audit`, { token: shared.sessions.viewer.token })).body);
      expect(auditAfter).toEqual(auditBefore);
    });
  }
});

describe("step 1 and step 3 lists", () => {
  it("step 1 lists the children with problems and the problems in words", async () => {
    const file = await fetchFile(shared.server.url, exportPath("?list=problems&format=csv"), shared.sessions.viewer.token);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get("content-disposition")!.split("''")[1]!)).toMatch(/^Danh sách cần bổ sung - Tổ dân phố số 9/);
    const rows = csvRows(file.text);
    const hoa = rows.find((r) => r[2] === "Phạm Thị Hoa");
    expect(hoa?.join(",")).toContain("Chưa có số định danh cá nhân");
    // The verified Nguyễn Văn An (born 14/03/2015) has none; the class list's namesake has some.
    expect(rows.find((r) => r[2] === "Nguyễn Văn An" && r[3] === "14/03/2015")).toBeUndefined();
  });

  it("step 3 is a printable A4 page of the verified children with the national heading and signature blocks", async () => {
    const file = await fetchFile(shared.server.url, exportPath("?format=html"), shared.sessions.police.token);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^inline; filename="danh-sach-ban-giao-cong-an-/);
    expect(file.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(file.text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(file.text).toContain("@page { size: A4");
    expect(file.text).toContain("UBND PHƯỜNG NGỌC HÀ");
    expect(file.text).toContain("Nguyễn Văn An");
    expect(file.text).toContain("14/03/2015");
    expect(file.text).not.toContain("04/03/2017"); // his namesake of the class list is not verified
    expect(file.text).not.toContain("Lê Thị Lan"); // clean, not verified
    expect(file.text).toContain("CÔNG AN PHƯỜNG NGỌC HÀ");
    expect(file.text).not.toMatch(/<script/i);

    const xlsx = await sheetRows((await fetchFile(shared.server.url, exportPath("?list=handover"), shared.sessions.police.token)).bytes);
    expect(xlsx.some((r) => r.includes("Nguyễn Văn An"))).toBe(true);
    expect(xlsx.some((r) => r.includes("Lê Thị Lan"))).toBe(false);
  });

  it("refuses an HTML form of another list, an unknown format, and rosters out of scope", async () => {
    const html = await api(shared.server.url, exportPath("?format=html&list=cleaned"), { token: shared.sessions.viewer.token });
    expect(html.status).toBe(400);
    expect(ErrorBodySchema.parse(html.body).error).toMatchObject({ code: "invalid_query", message: expect.stringMatching(/^Tham số không hợp lệ.*list: Chỉ danh sách bàn giao có bản in HTML/) });
    expect((await api(shared.server.url, exportPath("?format=pdf"), { token: shared.sessions.viewer.token })).status).toBe(400);
    expect((await api(shared.server.url, exportPath("?status=done"), { token: shared.sessions.viewer.token })).status).toBe(400);
    expect((await api(shared.server.url, exportPath("", ROSTERS.a7.id), { token: shared.sessions.hamlet.token })).status).toBe(403);
    expect((await api(shared.server.url, exportPath(""), { token: shared.sessions.bPolice.token })).status).toBe(403);
    expect((await api(shared.server.url, exportPath(""))).status).toBe(401);
  });
});

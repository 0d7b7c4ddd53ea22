// Importing Excel / CSV lists through the API: the preview writes nothing, the commit is
// one change that connected clients receive and the audit attributes to the file, and
// every refusal answers a status with a readable message.
import { listImports, newRecordId, recordImport } from "@roster/doc";
import { AuditEntrySchema, ChildViewSchema, ErrorBodySchema, ImportResultSchema, type AuditEntry, type ChildView } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addRoster } from "../src/accounts/accounts";
import { api } from "./helpers/http";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { useSharedServer } from "./helpers/shared-server";
import { sample, upload } from "./helpers/upload";
import { eventually } from "./helpers/wait";
import { COMMUNE_A, ROSTERS, USERS, type UserKey } from "./helpers/world";

const CLASS_LIST = { name: "danh-sach-lop-3a.xlsx", bytes: sample("danh-sach-lop-3a.xlsx") };

let rosterCount = 0;

const shared = useSharedServer();

/** A new empty roster of commune A, so each test starts clean. */
async function freshRoster(): Promise<string> {
  const id = `ngoc-ha-import-${++rosterCount}`;
  await addRoster(shared.server.running.store, COMMUNE_A.code, id, `Tổ dân phố nhập ${rosterCount}`);
  return id;
}

const importPath = (roster: string, query = "") => `/api/rosters/${roster}/import${query}`;

async function children(roster: string): Promise<ChildView[]> {
  const answer = await api(shared.server.url, `/api/rosters/${roster}/children`, { token: shared.sessions.viewer.token });
  expect(answer.status).toBe(200);
  return z.array(ChildViewSchema).parse(answer.body);
}

async function audit(roster: string): Promise<AuditEntry[]> {
  const answer = await api(shared.server.url, `/api/rosters/${roster}/audit`, { token: shared.sessions.viewer.token });
  expect(answer.status).toBe(200);
  return z.array(AuditEntrySchema).parse(answer.body);
}

function client(room: string, who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, room, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

const PreviewSchema = z.object({
  file: z.object({
    name: z.string(),
    format: z.enum(["xlsx", "xls", "csv"]),
    rows: z.number(),
    sheetsRead: z.array(z.string()),
    sheetsSkipped: z.array(z.object({ name: z.string(), reason: z.object({ vi: z.string(), en: z.string() }) })),
  }),
  mapping: z.array(z.object({ column: z.number(), header: z.string(), target: z.string().nullable(), guessed: z.string().nullable() })),
  summary: z.object({ added: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(), guardiansAdded: z.number() }),
  plan: z.object({
    add: z.array(z.object({ row: z.number(), fields: z.record(z.string(), z.unknown()), status: z.string(), findings: z.array(z.object({ code: z.string() })) })),
    update: z.array(z.object({ row: z.number(), childId: z.string(), changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) })),
    rejected: z.array(z.object({ row: z.number(), sheet: z.string().optional(), reasons: z.array(z.object({ vi: z.string(), en: z.string() })) })),
    skipped: z.array(z.object({ row: z.number(), sheet: z.string().optional(), reason: z.object({ vi: z.string(), en: z.string() }) })),
    issues: z.array(z.object({ row: z.number(), target: z.string().nullable(), level: z.string(), review: z.string().optional(), message: z.object({ vi: z.string() }) })),
    findingCounts: z.record(z.string(), z.number()),
  }),
});

describe("import preview", () => {
  it("shows the rows to add, the rows rejected with reasons, the findings and the mapping, and writes nothing", async () => {
    const roster = await freshRoster();
    const answer = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, CLASS_LIST);
    expect(answer.status, answer.text).toBe(200);
    const preview = PreviewSchema.parse(answer.body);
    expect(preview.file).toMatchObject({ name: "danh-sach-lop-3a.xlsx", format: "xlsx" });
    // The class list's 10 pupils: rows 12 (ID number in scientific notation) and 13 (31/02) are rejected.
    expect(preview.summary).toMatchObject({ added: 8, updated: 0, rejected: 2 });
    expect(preview.plan.rejected.map((r) => r.row)).toEqual([12, 13]);
    expect(preview.plan.rejected.every((r) => r.reasons.length > 0 && r.reasons[0]!.vi !== r.reasons[0]!.en)).toBe(true);
    // Twins share their parents: fewer guardians than two per pupil.
    expect(preview.summary.guardiansAdded).toBeLessThan(16);
    expect(preview.mapping.find((m) => m.column === 3)).toMatchObject({ target: "dob", guessed: "dob" });
    expect(preview.plan.add.map((a) => a.fields.fullName)).toContain("Nguyễn Văn An");
    // Findings of the new data: a pupil without an ID number will need a fix.
    expect(preview.plan.findingCounts["pid.missing"]).toBeGreaterThan(0);
    expect(preview.plan.add.some((a) => a.status === "needs-fix" && a.findings.some((f) => f.code === "pid.missing"))).toBe(true);

    expect(await children(roster)).toEqual([]);
    expect(await audit(roster)).toEqual([]);
  });

  it("uses the person's mapping corrections, for the preview and the commit", async () => {
    const roster = await freshRoster();
    const csv = "Họ và tên,Ngày sinh,Giới tính,Ghi chép của cô giáo\r\nLê Minh Khang,02/05/2016,Nam,Ở với bà ngoại\r\n";
    const file = { name: "lop-4b.csv", bytes: new TextEncoder().encode(csv) };
    const guessed = PreviewSchema.parse((await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, file)).body);
    expect(guessed.mapping[3]).toMatchObject({ header: "Ghi chép của cô giáo", target: null });

    const mapping = JSON.stringify({ 3: "note" });
    const corrected = PreviewSchema.parse((await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, file, { mapping })).body);
    expect(corrected.mapping[3]).toMatchObject({ target: "note", guessed: null });
    expect(corrected.plan.add[0]!.fields.note).toBe("Ở với bà ngoại");

    const committed = await upload(shared.server.url, importPath(roster), shared.sessions.school.token, file, { mapping });
    expect(committed.status, committed.text).toBe(200);
    expect((await children(roster)).map((c) => [c.fullName, c.note])).toEqual([["Lê Minh Khang", "Ở với bà ngoại"]]);
  });

  it("refuses a mapping it cannot use: an unknown target (400), no name column (422)", async () => {
    const roster = await freshRoster();
    const bad = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, CLASS_LIST, { mapping: '{"1":"shoeSize"}' });
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(bad.body).error.code).toBe("invalid_mapping");
    const notJson = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, CLASS_LIST, { mapping: "{1:" });
    expect(notJson.status).toBe(400);
    const noName = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, CLASS_LIST, { mapping: '{"1":null,"2":null}' });
    expect(noName.status).toBe(422);
    expect(ErrorBodySchema.parse(noName.body).error).toMatchObject({ code: "invalid_mapping", message: expect.stringMatching(/họ.*tên/i) });
  });
});

describe("the committed sample lists", () => {
  // packages/spreadsheet/fixtures, written by its scripts/make-fixtures.ts with exceljs.
  it.for<[string, number, string]>([
    ["danh-sach-lop-3a.xlsx", 8, "Ngô Gia Bảo"],
    ["danh-sach-tcvn3.xlsx", 6, "Đặng Thu Trang"],
    ["danh-sach-tcvn3.csv", 6, "Lê Thị Hoa"],
    ["danh-sach-vni.xlsx", 6, "Võ Thị Mỹ Duyên"],
    ["danh-sach-dien-thoai.csv", 3, "Trần Văn Bình"],
    ["danh-sach-windows-1258.csv", 0, ""],
    ["danh-sach-pha-tron-tcvn3.xlsx", 7, "Lê Hà My"],
    ["danh-sach-thon-bac.xlsx", 6, "Khổng Gia Bách"],
    ["danh-sach-ngay-excel-my.xlsx", 4, "Yên Thị Ngà"],
    ["danh-sach-mot-dong-thang-truoc.csv", 3, "Giáp Thị Uyên"],
    ["danh-sach-ngay-tach-cot.xlsx", 2, "Viên Thị Yến"],
    ["danh-sach-nhieu-lop.xlsx", 4, "Lạc Minh Quân"],
    ["danh-sach-cu.xls", 2, "Nghiêm Thị Ánh"],
    ["danh-sach-tai-nhap-1.csv", 1, "Hoàng Gia Khánh"],
    ["danh-sach-tai-nhap-2.csv", 1, "Hoàng Gia Khánh"],
    ["danh-sach-cha-me-trung-ten.csv", 2, "Nguyễn Thị Cúc"],
  ])("%s imports through the API with its names in Unicode", async ([file, added, name]) => {
    const roster = await freshRoster();
    const answer = await upload(shared.server.url, importPath(roster), shared.sessions.school.token, { name: file, bytes: sample(file) });
    expect(answer.status, answer.text).toBe(200);
    const result = ImportResultSchema.parse(answer.body);
    if (added > 0) expect(result.added).toBe(added);
    else expect(result.added).toBeGreaterThan(0);
    const names = (await children(roster)).map((c) => c.fullName);
    if (name) expect(names).toContain(name);
    // No legacy-font text reached the roster.
    expect(names.join(" ")).not.toMatch(/[µ¸¶·¹¨»¾¶Ç©ªÞ÷]|a[ëùø]|eá|aõ/);
  });
});

describe("the real lists (issue 11) through the API", () => {
  const CLASSES = { name: "danh-sach-nhieu-lop.xlsx", bytes: sample("danh-sach-nhieu-lop.xlsx") };

  it("previews every class sheet by default, and says which sheets were read and why others were not", async () => {
    const roster = await freshRoster();
    const answer = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, CLASSES);
    expect(answer.status, answer.text).toBe(200);
    const preview = PreviewSchema.parse(answer.body);
    expect(preview.file.sheetsRead).toEqual(["1A", "1B", "2A"]);
    expect(preview.file.sheetsSkipped.map((s) => s.name)).toEqual(["Hướng dẫn", "Cũ"]);
    expect(preview.plan.rejected.map((r) => [r.sheet, r.row])).toEqual([["2A", 4]]);
  });

  it("reads only the sheets chosen with sheet= (query, repeatable) or sheets= (form field)", async () => {
    const token = shared.sessions.school.token;
    const byQuery = await upload(shared.server.url, importPath(await freshRoster(), "?preview=1&sheet=1B&sheet=Cũ"), token, CLASSES);
    expect(byQuery.status, byQuery.text).toBe(200);
    const one = PreviewSchema.parse(byQuery.body);
    expect(one.file.sheetsRead).toEqual(["1B", "Cũ"]);
    expect(one.plan.add.map((a) => a.fields.fullName)).toEqual(["Lạc Minh Quân", "Lê Văn Cũ"]);

    const roster = await freshRoster();
    const byForm = await upload(shared.server.url, importPath(roster), token, CLASSES, { sheets: '["1A"]' });
    expect(byForm.status, byForm.text).toBe(200);
    expect(ImportResultSchema.parse(byForm.body).added).toBe(2);
    expect((await children(roster)).map((c) => c.fullName).sort()).toEqual(["Mạc Văn Hải", "Tôn Thị Lý"]);
  });

  it("refuses a sheet the workbook does not have (422) and a malformed sheets field (400), writing nothing", async () => {
    const roster = await freshRoster();
    const token = shared.sessions.school.token;
    const missing = await upload(shared.server.url, importPath(roster, "?sheet=3C"), token, CLASSES);
    expect(missing.status).toBe(422);
    expect(ErrorBodySchema.parse(missing.body).error).toMatchObject({ code: "unknown_sheet", message: expect.stringContaining("“3C”") });
    const bad = await upload(shared.server.url, importPath(roster), token, CLASSES, { sheets: "[1, 2]" });
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(bad.body).error.code).toBe("invalid_sheets");
    expect(await children(roster)).toEqual([]);
  });

  it("previews the rows that are not children with their reasons, and the dates to check", async () => {
    const roster = await freshRoster();
    const village = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, { name: "danh-sach-thon-bac.xlsx", bytes: sample("danh-sach-thon-bac.xlsx") });
    const preview = PreviewSchema.parse(village.body);
    expect(preview.plan.skipped.map((s) => s.row)).toEqual([7, 8, 12, 13, 15, 16, 17, 18]);
    expect(preview.plan.skipped.every((s) => s.reason.vi.length > 0 && s.reason.en.length > 0)).toBe(true);
    const dates = await upload(shared.server.url, importPath(roster, "?preview=1"), shared.sessions.school.token, { name: "danh-sach-ngay-excel-my.xlsx", bytes: sample("danh-sach-ngay-excel-my.xlsx") });
    expect(PreviewSchema.parse(dates.body).plan.issues.filter((i) => i.review === "date").map((i) => i.row)).toEqual([3, 5]);
  });

  it("re-importing a child with a mistyped ID number matches it with a warning instead of adding it again", async () => {
    const roster = await freshRoster();
    const token = shared.sessions.school.token;
    const first = await upload(shared.server.url, importPath(roster), token, { name: "danh-sach-tai-nhap-1.csv", bytes: sample("danh-sach-tai-nhap-1.csv") });
    expect(ImportResultSchema.parse(first.body).added).toBe(1);
    const second = await upload(shared.server.url, importPath(roster), token, { name: "danh-sach-tai-nhap-2.csv", bytes: sample("danh-sach-tai-nhap-2.csv") });
    expect(ImportResultSchema.parse(second.body)).toMatchObject({ added: 0, updated: 0 });
    expect(await children(roster)).toHaveLength(1);
  });
});

describe("import commit", () => {
  it("adds the children in one change that a connected client receives, and the audit names the file", async () => {
    const roster = await freshRoster();
    const watcher = client(roster, "police");
    await whenSynced(watcher);
    const updatesBefore = watcher.received.length;

    const answer = await upload(shared.server.url, importPath(roster), shared.sessions.school.token, CLASS_LIST);
    expect(answer.status, answer.text).toBe(200);
    const result = ImportResultSchema.parse(answer.body);
    expect(result).toMatchObject({ added: 8, updated: 0 });
    expect(result.rejected.map((r) => r.row)).toEqual([12, 13]);
    expect(result.rejected[0]!.reason).toMatch(/[àáảãạăâđêôơư]/i); // the reason is in Vietnamese

    const listed = await children(roster);
    expect(listed).toHaveLength(8);
    expect(listed.find((c) => c.fullName === "Lò Văn Khánh")?.fatherId).toBe(listed.find((c) => c.fullName === "Lò Thị Khuyên")?.fatherId);

    // The connected client got the import as one update, with its log entry.
    await eventually(() => expect(watcher.records().listChildren()).toHaveLength(8));
    expect(watcher.received.length - updatesBefore).toBe(1);
    expect(listImports(watcher.doc)).toEqual([
      expect.objectContaining({ file: "danh-sach-lop-3a.xlsx", by: shared.sessions.school.id, byName: USERS.school.displayName, added: 8, updated: 0, rejected: 2 }),
    ]);

    const entries = await eventually(async () => {
      const found = await audit(roster);
      expect(found.length).toBeGreaterThan(8 * 3);
      return found;
    });
    expect(entries.every((e) => e.user === USERS.school.username && e.source === "danh-sach-lop-3a.xlsx")).toBe(true);
    expect(entries.filter((e) => e.kind === "child" && e.field === "fullName").map((e) => e.to)).toContain("Hoàng Minh Đức");
  });

  it("importing the same file again changes nothing", async () => {
    const roster = await freshRoster();
    expect((await upload(shared.server.url, importPath(roster), shared.sessions.social.token, CLASS_LIST)).status).toBe(200);
    const before = await eventually(async () => {
      const found = await audit(roster);
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    const childrenBefore = await children(roster);

    const again = ImportResultSchema.parse((await upload(shared.server.url, importPath(roster), shared.sessions.social.token, CLASS_LIST)).body);
    expect(again.added).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.rejected.map((r) => r.row)).toEqual([12, 13]);
    expect(await children(roster)).toEqual(childrenBefore);
    expect(await audit(roster)).toEqual(before);
  });

  it("a hamlet head imports into its own roster; imports reach the audit with the user who made them", async () => {
    const answer = await upload(shared.server.url, importPath(ROSTERS.a5.id), shared.sessions.hamlet.token, {
      name: "ho-gia-dinh.csv",
      bytes: new TextEncoder().encode("Họ tên,NS,Nam/Nữ\nGiàng A Páo,3/4/2017,Nam\n"),
    });
    expect(answer.status, answer.text).toBe(200);
    expect(ImportResultSchema.parse(answer.body)).toEqual({ added: 1, updated: 0, rejected: [] });
    await eventually(async () => {
      const entries = await audit(ROSTERS.a5.id);
      expect(entries.some((e) => e.to === "Giàng A Páo" && e.user === USERS.hamlet.username && e.source === "ho-gia-dinh.csv")).toBe(true);
    });
  });
});

describe("an import applied in the app (over sync)", () => {
  it("gets the file as the audit source of every field it wrote; later hand edits get none", async () => {
    const roster = await freshRoster();
    const field = client(roster, "school");
    await whenSynced(field);
    const records = field.records();
    let childId = "";
    field.doc.transact(() => {
      childId = records.createChild({ fullName: "Sùng Thị Mỷ", dob: "2016-02-03", gender: "female" });
      recordImport(field.doc, { id: newRecordId(), file: "lop-2c.xlsx", at: new Date().toISOString(), by: shared.sessions.school.id, byName: "Cô Hạnh", added: 1, updated: 0, rejected: 0 });
    });
    const entries = await eventually(async () => {
      const found = (await audit(roster)).filter((e) => e.childId === childId);
      expect(found.length).toBeGreaterThanOrEqual(3);
      return found;
    });
    expect(entries.every((e) => e.source === "lop-2c.xlsx" && e.user === USERS.school.username)).toBe(true);

    records.updateChild(childId, { note: "Đã gọi điện cho mẹ" }, { id: shared.sessions.school.id, name: "Cô Hạnh" });
    const note = await eventually(async () => {
      const found = (await audit(roster)).find((e) => e.childId === childId && e.field === "note");
      expect(found).toBeDefined();
      return found!;
    });
    expect(note.source).toBeUndefined();
  });
});

describe("import refusals", () => {
  it("answers who may not import with 401 / 403, and writes nothing", async () => {
    const roster = ROSTERS.a7.id;
    const cases: [UserKey | null, string, number, string?][] = [
      [null, roster, 401],
      ["viewer", roster, 403, "read_only"],
      ["hamlet", roster, 403, "roster_forbidden"],
      ["bPolice", roster, 403, "roster_forbidden"],
    ];
    for (const [who, id, status, code] of cases) {
      const answer = await upload(shared.server.url, importPath(id), who ? shared.sessions[who].token : "", CLASS_LIST);
      expect(answer.status, `${who}: ${answer.text}`).toBe(status);
      if (code) expect(ErrorBodySchema.parse(answer.body).error.code).toBe(code);
    }
    expect((await upload(shared.server.url, importPath("no-such-roster"), shared.sessions.admin.token, CLASS_LIST)).status).toBe(404);
    expect(await children(roster)).toEqual([]);
  });

  it("answers bad files with 400 / 413 / 422 and a Vietnamese message", async () => {
    const roster = await freshRoster();
    const token = shared.sessions.school.token;
    const missing = await upload(shared.server.url, importPath(roster), token, undefined, { other: "x" });
    expect(missing.status).toBe(400);
    expect(ErrorBodySchema.parse(missing.body).error.code).toBe("missing_file");

    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    const old = await upload(shared.server.url, importPath(roster), token, { name: "danh sach.xls", bytes: xls });
    expect(old.status).toBe(422);
    expect(ErrorBodySchema.parse(old.body).error).toMatchObject({ code: "unreadable_file", message: expect.stringMatching(/^Không đọc được tệp Excel/) });

    const damaged = await upload(shared.server.url, importPath(roster), token, { name: "hong.xlsx", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]) });
    expect(damaged.status).toBe(422);
    expect(ErrorBodySchema.parse(damaged.body).error.message).toMatch(/^Không|^Tệp/);

    const empty = await upload(shared.server.url, importPath(roster), token, { name: "trong.csv", bytes: new Uint8Array() });
    expect(empty.status).toBe(422);

    const huge = await upload(shared.server.url, importPath(roster), token, { name: "lon.csv", bytes: new Uint8Array(11 * 1024 * 1024).fill(0x41) });
    expect(huge.status).toBe(413);
    expect(ErrorBodySchema.parse(huge.body).error).toMatchObject({ code: "too_large", message: expect.stringContaining("10 MB") });

    for (const answer of [missing, old, damaged, empty, huge]) expect(answer.text).not.toMatch(/\n\s+at |Error:/);
    expect(await children(roster)).toEqual([]);
  });
});

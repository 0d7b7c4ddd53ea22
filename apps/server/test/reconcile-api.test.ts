// Police reconcile a roster with an extract of the national population database (DESIGN.md
// "Reconciliation"): the preview's groups, then one apply that verifies exactly the ticked
// children whose identity agrees, takes accepted national values with the file as audit
// source, adds missing children, follows the extract's VNeID level, and refuses the rest
// with reasons (edited since the preview, error findings, an open conflict).
import {
  AuditEntrySchema,
  ChildViewSchema,
  ReconcilePreviewSchema,
  ReconcileResultSchema,
  VerificationSchema,
  type ReconcileDecisions,
} from "@roster/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { aCleanChild, aMother, seedRecords } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { upload } from "./helpers/upload";
import { eventually } from "./helpers/wait";
import { ROSTERS, USERS, type UserKey } from "./helpers/world";

const ROSTER = ROSTERS.a5.id;
const FILE = "trich-xuat-to-5.csv";
const HEADER = "STT,Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Họ tên mẹ,Số định danh mẹ,Mức tài khoản định danh điện tử";
const LINES = [
  // row 2: c-an exactly, with a level-2 account
  "1,001215012345,NGUYỄN VĂN AN,14/03/2015,Nam,Kinh,Trần Thị Mai,001188004567,Mức 2",
  // row 3: c-lan by number; the national name differs
  "2,001315004321,Lê Thị Lanh,14/03/2015,Nữ,Kinh,Trần Thị Mai,001188004567,",
  // row 4: c-hoa by name and date of birth; the roster lacks the ID number
  "3,001316007788,Phạm Thị Hoa,02/09/2016,Nữ,Kinh,Trần Thị Mai,001188004567,Mức 1",
  // row 5: c-tuan, whose residence two agencies set differently offline
  "4,001215054321,Đỗ Minh Tuấn,20/05/2015,Nam,Kinh,Trần Thị Mai,001188004567,",
  // row 6: c-loi, who has no guardian linked (an error finding)
  "5,001215077777,Hoàng Văn Lợi,01/06/2015,Nam,Kinh,,,",
  // row 7: a child of campaign age the roster lacks; row 8: an adult
  "6,001217008888,Bùi Thị Ngân,11/11/2017,Nữ,Kinh,Trần Thị Mai,001188004567,",
  "7,001188004567,Trần Thị Mai,02/07/1988,Nữ,Kinh,,,Mức 2",
];
const csv = (lines: readonly string[] = LINES) => new TextEncoder().encode([HEADER, ...lines].join("\n") + "\n");

const shared = useSharedServer();
const NAMES = { an: "Nguyễn Văn An", lan: "Lê Thị Lan", hoa: "Phạm Thị Hoa", tuan: "Đỗ Minh Tuấn", loi: "Hoàng Văn Lợi", vang: "Vũ Văn Vàng" } as const;
const ids = {} as Record<keyof typeof NAMES, string>;

beforeAll(async () => {
  await seedRecords(
    shared.server.running.store,
    ROSTER,
    [
      aCleanChild({ id: "c-an" }),
      aCleanChild({ id: "c-lan", fullName: "Lê Thị Lan", gender: "female", pid: "001315004321", bhyt: "HS4010155555555" }),
      aCleanChild({ id: "c-hoa", fullName: "Phạm Thị Hoa", dob: "2016-09-02", gender: "female", pid: null, birthRegisteredOn: "2016-09-10", bhyt: "HS4010198765432" }),
      aCleanChild({ id: "c-tuan", fullName: "Đỗ Minh Tuấn", dob: "2015-05-20", pid: "001215054321", bhyt: "HS4010133333333" }),
      aCleanChild({ id: "c-loi", fullName: "Hoàng Văn Lợi", dob: "2015-06-01", pid: "001215077777", bhyt: "HS4010177777777", motherId: null, representative: null }),
      aCleanChild({ id: "c-vang", fullName: "Vũ Văn Vàng", dob: "2014-02-02", pid: "001214099999", bhyt: "HS4010199999999" }),
    ],
    [aMother()],
  );
  // The seed gives records ids of its own: find them by name.
  const byName = new Map((await children()).map((c) => [c.fullName, c.id]));
  for (const [key, name] of Object.entries(NAMES)) ids[key as keyof typeof NAMES] = byName.get(name)!;
});

function client(who: UserKey): SyncClient {
  const c = connectClient(shared.server.syncUrl, ROSTER, shared.sessions[who].token);
  shared.clients.push(c);
  return c;
}

const reconcile = (who: UserKey, fields: Record<string, string> = {}, bytes = csv(), query = "") =>
  upload(shared.server.url, `/api/rosters/${ROSTER}/reconcile${query}`, shared.sessions[who].token, { name: FILE, bytes }, fields);
const preview = (who: UserKey = "police") => reconcile(who, {}, csv(), "?preview=1");
const apply = (decisions: Partial<ReconcileDecisions>) => reconcile("police", { decisions: JSON.stringify(decisions) });

async function children() {
  const answer = await api(shared.server.url, `/api/rosters/${ROSTER}/children`, { token: shared.sessions.police.token });
  return z.array(ChildViewSchema).parse(answer.body);
}

describe("reconcile with the national extract", () => {
  it("previews the four groups for police, and refuses everyone else", async () => {
    const answer = await preview();
    expect(answer.status, answer.text).toBe(200);
    const groups = ReconcilePreviewSchema.parse(answer.body);
    expect(groups.matched.map((m) => [m.row, m.childId, m.by, m.differences.map((d) => [d.field, d.roster, d.national]), m.vneid])).toEqual([
      [2, ids.an, "pid", [], "level2"],
      [3, ids.lan, "pid", [["fullName", "Lê Thị Lan", "Lê Thị Lanh"]], null],
      [4, ids.hoa, "name-dob", [["pid", null, "001316007788"]], "level1"],
      [5, ids.tuan, "pid", [], null],
      [6, ids.loi, "pid", [], null],
    ]);
    expect(groups.extractOnly.map((e) => [e.row, e.fullName, e.dob])).toEqual([[7, "Bùi Thị Ngân", "2017-11-11"]]);
    expect(groups.outOfCampaign.map((e) => e.row)).toEqual([8]);
    expect(groups.rosterOnly).toEqual([ids.vang]);
    expect((answer.body as { mapping: { target: string | null }[] }).mapping.map((m) => m.target)).toEqual([
      "index", "pid", "fullName", "dob", "gender", "ethnicity", "mother.fullName", "mother.pid", "vneid",
    ]);

    for (const who of ["school", "hamlet", "social", "viewer", "admin"] as const) {
      const refused = await preview(who);
      expect(refused.status, `${who}: ${refused.text}`).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: "not_police" } });
    }
    const otherCommune = await upload(shared.server.url, `/api/rosters/${ROSTER}/reconcile?preview=1`, shared.sessions.bPolice.token, { name: FILE, bytes: csv() });
    expect(otherCommune.status).toBe(403);
    expect(otherCommune.text).not.toContain("Nguyễn Văn An");
  });

  it("applies: verifies what agrees, takes accepted values with the file as source, adds, follows VNeID, refuses with reasons", async () => {
    // Two agencies set c-tuan's residence differently while offline: a dispute police must settle first.
    const [school, hamlet] = [client("school"), client("hamlet")];
    await Promise.all([whenSynced(school), whenSynced(hamlet)]);
    school.provider.disconnect();
    hamlet.provider.disconnect();
    school.records().setChildField(ids.tuan, "residenceType", "temporary", { id: shared.sessions.school.id, name: USERS.school.displayName });
    hamlet.records().setChildField(ids.tuan, "residenceType", "none", { id: shared.sessions.hamlet.id, name: USERS.hamlet.displayName });
    school.provider.connect();
    hamlet.provider.connect();
    await eventually(() => expect(hamlet.records().conflictsOf("child", ids.tuan).map((c) => c.field)).toEqual(["residenceType"]), 10_000);
    await eventually(async () => expect((await children()).find((c) => c.id === ids.tuan)?.findings.map((f) => f.code)).toContain("conflict.field"), 10_000);

    const answer = await apply({
      verify: [ids.an, ids.lan, ids.hoa, ids.tuan, ids.loi, ids.vang],
      accept: [{ childId: ids.lan, field: "fullName" }, { childId: ids.hoa, field: "pid" }],
      add: [7, 8],
    });
    expect(answer.status, answer.text).toBe(200);
    const result = ReconcileResultSchema.parse(answer.body);
    expect(result.verified).toBe(3);
    expect(result.added).toBe(1);
    expect(result.refused.map((r) => [r.childId, r.reason.en])).toEqual([
      [ids.vang, "Matched to no row of the file"],
      ["row:8", "This row is not a child missing from the roster"],
      [ids.tuan, "A verified field is disputed: settle it first"],
      [ids.loi, "The record still has errors and cannot be verified"],
    ]);

    const now = await children();
    const byId = new Map(now.map((c) => [c.id, c]));
    expect([ids.an, ids.lan, ids.hoa].map((id) => byId.get(id)?.status)).toEqual(["verified", "verified", "verified"]);
    expect([ids.tuan, ids.loi, ids.vang].map((id) => byId.get(id)?.status)).not.toContain("verified");
    expect(byId.get(ids.lan)?.fullName).toBe("Lê Thị Lanh");
    expect(byId.get(ids.hoa)?.pid).toBe("001316007788");
    expect(byId.get(ids.an)?.vneid).toBe("level2");
    expect(byId.get(ids.hoa)?.vneid).toBe("level1");
    const added = now.find((c) => c.fullName === "Bùi Thị Ngân");
    expect(added).toMatchObject({ dob: "2017-11-11", gender: "female", pid: "001217008888", village: ROSTERS.a5.name });
    expect(added?.motherId).toBeTruthy();

    const audit = z.array(AuditEntrySchema).parse((await api(shared.server.url, `/api/rosters/${ROSTER}/audit?childId=${ids.lan}`, { token: shared.sessions.police.token })).body);
    expect(audit.filter((e) => e.field === "fullName" && e.to === "Lê Thị Lanh")).toMatchObject([{ user: USERS.police.username, source: `reconcile:${FILE}`, from: "Lê Thị Lan" }]);
    expect(audit.filter((e) => e.field === "verification")).toMatchObject([{ user: USERS.police.username, source: `reconcile:${FILE}` }]);
    const review = client("police");
    const stamps = connectClient(shared.server.syncUrl, `${ROSTER}/review`, shared.sessions.police.token);
    shared.clients.push(stamps);
    await whenSynced(stamps);
    expect(VerificationSchema.parse(stamps.review().verification(ids.lan))).toMatchObject({ by: shared.sessions.police.id, source: `reconcile:${FILE}` });
    review.destroy();
  });

  it("refuses a child edited since the preview, with the field", async () => {
    const before = ReconcilePreviewSchema.parse((await preview()).body);
    expect(before.matched.find((m) => m.childId === ids.vang)).toBeUndefined();
    const extra = "8,001214099999,Vũ Văn Vàng,02/02/2014,Nam,Kinh,Trần Thị Mai,001188004567,";
    const withVang = await reconcile("police", {}, csv([...LINES, extra]), "?preview=1");
    expect(ReconcilePreviewSchema.parse(withVang.body).matched.find((m) => m.childId === ids.vang)?.differences).toEqual([]);
    // Between the preview and the apply, school corrects the date of birth.
    const school = client("school");
    await whenSynced(school);
    school.records().setChildField(ids.vang, "dob", "2014-02-03", { id: shared.sessions.school.id, name: USERS.school.displayName });
    await eventually(async () => expect((await children()).find((c) => c.id === ids.vang)?.dob).toBe("2014-02-03"));
    const answer = await reconcile("police", { decisions: JSON.stringify({ verify: [ids.vang] }) }, csv([...LINES, extra]));
    const result = ReconcileResultSchema.parse(answer.body);
    expect(result.verified).toBe(0);
    expect(result.refused).toEqual([{ childId: ids.vang, reason: { vi: "Khác với dữ liệu quốc gia: ngày sinh", en: "Differs from the national data: date of birth" } }]);
  });

  it("answers bad decisions with a 400 and writes nothing", async () => {
    const before = await children();
    for (const decisions of ["{not json", JSON.stringify({ verify: ids.an }), JSON.stringify({ add: [-1] })]) {
      const answer = await reconcile("police", { decisions });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "invalid_decisions" } });
    }
    expect(await children()).toEqual(before);
  });
});

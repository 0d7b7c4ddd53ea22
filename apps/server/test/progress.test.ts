// Campaign progress: figures per roster and commune, the daily series the server keeps
// (past days frozen, today's entry limited to once a minute and written on shutdown),
// the daily report in its XLSX template and the follow-up list. The server's clock is
// moved by the test, day by day.
import ExcelJS from "exceljs";
import { ErrorBodySchema, FollowUpListSchema, ProgressReportSchema, type CampaignCounts, type ProgressReport } from "@roster/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { aChildWithoutPid, aCleanChild, aMother, seedRecords } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { fetchFile, upload } from "./helpers/upload";
import { ROSTERS, type UserKey } from "./helpers/world";

/** 10:00 in Vietnam on the given day. */
const at = (day: string, time = "10:00:00") => new Date(`${day}T${time}+07:00`);
let clock = at("2026-06-10");
const now = () => clock;

const shared = useSharedServer({}, undefined, { now });

beforeAll(async () => {
  // Tổ 5: a clean boy and a girl without an ID number. Tổ 7: a boy done with every campaign.
  await seedRecords(shared.server.running.store, ROSTERS.a5.id, [aCleanChild(), { id: "c-hoa", ...aChildWithoutPid() }], [aMother()]);
  await seedRecords(
    shared.server.running.store,
    ROSTERS.a7.id,
    [aCleanChild({ id: "c-done", fullName: "Trần Minh Quân", pid: "001215099999", bhyt: "HS4010199999999", vneid: "level2", healthBook: true, idCard: "issued", village: "Tổ dân phố số 7" })],
    [aMother()],
  );
});

async function progress(who: UserKey, path = "/api/progress"): Promise<ProgressReport> {
  const answer = await api(shared.server.url, path, { token: shared.sessions[who].token });
  expect(answer.status, answer.text).toBe(200);
  return ProgressReportSchema.parse(answer.body);
}

/** Imports `n` new children into Tổ 5 as the hamlet head (one CSV line each). */
async function addChildren(names: string[]): Promise<void> {
  const csv = ["Họ và tên,Ngày sinh,Giới tính", ...names.map((name) => `${name},01/02/2016,Nam`)].join("\r\n");
  const answer = await upload(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/import`, shared.sessions.hamlet.token, { name: "bo-sung.csv", bytes: new TextEncoder().encode(csv) });
  expect(answer.status, answer.text).toBe(200);
}

const childrenOn = (report: ProgressReport, date: string) => report.daily.find((d) => d.date === date)?.total.children;

describe("progress figures", () => {
  it("counts each roster and the commune from the server's statuses and the campaign fields", async () => {
    const report = await progress("admin");
    expect(report).toMatchObject({ commune: "00097", communeName: "Phường Ngọc Hà", asOf: "2026-06-10", weeklyTargetPercent: 10 });
    const a5 = report.rosters.find((r) => r.rosterId === ROSTERS.a5.id)!.counts;
    const expectedA5: CampaignCounts = {
      children: 2, inCampaignAge: 2, validPid: 1, clean: 1, needsFix: 1, verified: 0,
      idCardApplied: 0, idCardIssued: 0, vneidLevel2: 0, healthBook: 0, residenceRegistered: 2,
    };
    expect(a5).toEqual(expectedA5);
    const a7 = report.rosters.find((r) => r.rosterId === ROSTERS.a7.id)!.counts;
    expect(a7).toMatchObject({ children: 1, idCardApplied: 1, idCardIssued: 1, vneidLevel2: 1, healthBook: 1 });
    expect(report.total.children).toBe(3);
    expect(report.total.vneidLevel2).toBe(1);
    expect(report.daily).toEqual([{ date: "2026-06-10", total: report.total }]);
  });

  it("shows each user only what it may see", async () => {
    const hamlet = await progress("hamlet");
    expect(hamlet.rosters.map((r) => r.rosterId)).toEqual([ROSTERS.a5.id]);
    expect(hamlet.total.children).toBe(2);
    const b = await progress("bPolice");
    expect(b.commune).toBe("26734");
    expect(b.rosters.map((r) => r.rosterId)).toEqual([ROSTERS.b2.id]);
    const one = await progress("viewer", `/api/rosters/${ROSTERS.a7.id}/progress`);
    expect(one.rosters.map((r) => r.rosterId)).toEqual([ROSTERS.a7.id]);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/progress`, { token: shared.sessions.hamlet.token })).status).toBe(403);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/progress`, { token: shared.sessions.bPolice.token })).status).toBe(403);
    expect((await api(shared.server.url, "/api/progress")).status).toBe(401);
  });
});

describe("the daily series", () => {
  it("keeps one entry per day; yesterday's figures never change when today's data does", async () => {
    clock = at("2026-06-10", "10:05:00");
    await progress("admin"); // today's entry: 3 children
    await addChildren(["Vàng A Dế"]);
    clock = at("2026-06-10", "10:05:30");
    // Seen at once in the answer; stored later (at most once a minute).
    expect((await progress("admin")).total.children).toBe(4);

    clock = at("2026-06-11");
    const day2 = await progress("admin");
    // What was withheld on the 10th was written as the 10th's last figures.
    expect(childrenOn(day2, "2026-06-10")).toBe(4);
    expect(childrenOn(day2, "2026-06-11")).toBe(4);

    await addChildren(["Vàng Thị Mai", "Lầu A Sử"]);
    clock = at("2026-06-11", "10:02:00");
    const later = await progress("admin");
    expect(later.daily.map((d) => [d.date, d.total.children])).toEqual([
      ["2026-06-10", 4],
      ["2026-06-11", 6],
    ]);
    // Per roster too.
    const a5 = await progress("hamlet", `/api/rosters/${ROSTERS.a5.id}/progress`);
    expect(a5.daily.map((d) => [d.date, d.total.children])).toEqual([
      ["2026-06-10", 3],
      ["2026-06-11", 5],
    ]);
    // Stored as one entry per day in the key-value store.
    const stored = JSON.parse((await shared.server.running.store.getValue(`daily:${ROSTERS.a5.id}`))!) as { days: { date: string }[] };
    expect(stored.days.map((d) => d.date)).toEqual(["2026-06-10", "2026-06-11"]);
  });

  it("writes today's figures on shutdown, and the series survives a restart", async () => {
    clock = at("2026-06-12");
    await progress("admin");
    await addChildren(["Thào A Chứ"]); // within the minute: not stored by a request
    // Let the marks of the new child be written (the shutdown counts from them).
    await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/children`, { token: shared.sessions.admin.token });
    shared.server = await shared.server.restart();
    clock = at("2026-06-13");
    const report = await progress("admin");
    expect(report.daily.map((d) => [d.date, d.total.children])).toEqual([
      ["2026-06-10", 4],
      ["2026-06-11", 6],
      ["2026-06-12", 7],
      ["2026-06-13", 7],
    ]);
  });
});

describe("the daily report and the follow-up list", () => {
  it("answers the daily report as one XLSX template: a row per village and the total", async () => {
    clock = at("2026-06-17");
    const file = await fetchFile(shared.server.url, "/api/progress/daily-report.xlsx", shared.sessions.social.token);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get("content-disposition")!.split("''")[1]!)).toBe("Báo cáo tiến độ - Phường Ngọc Hà - 2026-06-17.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const texts = rows.map((r) => r.map((v) => String(v ?? "")));
    expect(texts.some((r) => r.includes("BÁO CÁO TIẾN ĐỘ HẰNG NGÀY"))).toBe(true);
    expect(texts.some((r) => r.some((v) => v.includes("10/06/2026")))).toBe(true); // the week starts on the 10th
    const village = rows.find((r) => r[1] === ROSTERS.a5.name)!;
    expect(village[2]).toBe(6); // children of Tổ 5 now
    const total = rows.find((r) => r[1] === "Tổng cộng")!;
    expect(total[2]).toBe(7);
    expect(rows.find((r) => r[1] === ROSTERS.a7.name)?.at(-1)).toBe("Đạt"); // everything done already

    const one = await fetchFile(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/progress/daily-report.xlsx`, shared.sessions.viewer.token);
    expect(one.status).toBe(200);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/progress/daily-report.xlsx`, { token: shared.sessions.hamlet.token })).status).toBe(403);
  });

  it("lists the children not done with what they lack and whom to call", async () => {
    const answer = await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/follow-up`, { token: shared.sessions.hamlet.token });
    expect(answer.status).toBe(200);
    const list = FollowUpListSchema.parse(answer.body);
    const hoa = list.children.find((c) => c.fullName === "Phạm Thị Hoa")!;
    expect(hoa.missing.map((m) => m.gap)).toEqual(["pid", "vneidLevel2", "idCard", "healthBook"]);
    expect(hoa.missing[0]!.text.vi).toBe("Chưa có số định danh cá nhân hợp lệ");
    expect(hoa.representative).toEqual({ role: "mother", fullName: "Trần Thị Mai", phone: "0912345678" });
    const an = list.children.find((c) => c.fullName === "Nguyễn Văn An")!;
    expect(an.missing.map((m) => m.gap)).not.toContain("pid");
    // Imported without parents: nobody to call, said so rather than invented.
    expect(list.children.find((c) => c.fullName === "Vàng A Dế")?.representative).toBeNull();

    const done = await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/follow-up`, { token: shared.sessions.admin.token });
    expect(FollowUpListSchema.parse(done.body).children).toEqual([]);

    const csv = await fetchFile(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/follow-up?format=csv`, shared.sessions.admin.token);
    expect(csv.text).toContain("Chưa kích hoạt sổ sức khỏe điện tử");
    expect(csv.text).toContain("0912345678");
    const xlsx = await fetchFile(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/follow-up?format=xlsx`, shared.sessions.admin.token);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const bad = await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/follow-up?format=pdf`, { token: shared.sessions.admin.token });
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(bad.body).error.code).toBe("invalid_query");
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/follow-up`, { token: shared.sessions.bSchool.token })).status).toBe(403);
  });
});

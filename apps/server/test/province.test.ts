import { ProgressReportSchema, ProvinceProgressSchema, type Child, type Guardian } from "@roster/schema";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { addCommune, addRoster } from "../src/accounts/accounts";
import { parseArgs } from "../src/cli/args";
import { runCommand } from "../src/cli/commands";
import { aCleanChild, aChildWithoutPid, aMother, communeBChildren, seedAuthorizationRosters, seedRecords } from "./helpers/fixtures";
import { freshUser } from "./helpers/accounts";
import { api, login } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { closeCodeFor, sleep } from "./helpers/sync-clients";
import { fetchFile } from "./helpers/upload";
import { COMMUNE_A, PASSWORD, ROSTERS, type UserKey } from "./helpers/world";

// Hà Nội (01) holds commune A (00097) and Phường Ba Đình (00004); Đồng Nai (75) holds Phú Riềng.
const BA_DINH = { code: "00004", name: "Phường Ba Đình", roster: "ba-dinh-to-1" };
const PHU_RIENG = { code: "25252", name: "Xã Phú Riềng", roster: "phu-rieng-ap-1" };
const shared = useSharedServer();
let provinceToken = "";
/** Every personal value seeded anywhere: none may appear in what the province receives. */
const personal: string[] = [];

function remember(children: readonly Child[], guardians: readonly Guardian[]): void {
  for (const c of children) personal.push(...[c.fullName, c.dob, c.pid, c.address, c.bhyt].filter((v): v is string => !!v));
  for (const g of guardians) personal.push(...[g.fullName, g.pid, g.phone, g.address].filter((v): v is string => !!v));
  // Dates as a spreadsheet or a person would write them, too.
  for (const c of children) if (c.dob) personal.push(c.dob.split("-").reverse().join("/"));
}

beforeAll(async () => {
  const store = shared.server.running.store;
  await seedAuthorizationRosters(store, { a5: ROSTERS.a5.id, a7: ROSTERS.a7.id, b2: ROSTERS.b2.id });
  remember([aCleanChild(), aChildWithoutPid() as Child, aCleanChild({ fullName: "Đinh Văn Bình", pid: "001215019876" })], [aMother()]);
  remember(communeBChildren().children, communeBChildren().guardians);
  for (const c of [BA_DINH, PHU_RIENG]) {
    await addCommune(store, c.code, c.name);
    await addRoster(store, c.code, c.roster, `Tổ 1 ${c.name}`);
  }
  const baDinhMother = aMother({ id: "g-bd", fullName: "Vương Thị Nguyệt Ánh", pid: "001187055501", phone: "0988111222", address: "Số 7 phố Đội Cấn, Ba Đình" });
  const baDinh = [
    aCleanChild({ id: "c-bd-1", fullName: "Kiều Minh Khôi", pid: "001214033301", bhyt: "HS4010133333301", motherId: "g-bd", healthBook: true, vneid: "level2" }),
    aCleanChild({ id: "c-bd-2", fullName: "Kiều Minh Châu", gender: "female", pid: "001316033302", dob: "2016-08-09", bhyt: "HS4010133333302", motherId: "g-bd" }),
  ];
  await seedRecords(store, BA_DINH.roster, baDinh, [baDinhMother]);
  remember(baDinh, [baDinhMother]);
  const phuRieng = [aCleanChild({ id: "c-pr", fullName: "Điểu Thị Lan", pid: "075314044401", bhyt: "HS4750144444401" })];
  await seedRecords(store, PHU_RIENG.roster, phuRieng, []);
  remember(phuRieng, []);

  const out = await runCommand(store, parseArgs(["user", "add", "--province", "01", "--username", "tinh.hanoi", "--password", PASSWORD, "--role", "province", "--display-name", "Sở Công an Hà Nội"]));
  expect(out).toMatch(/tinh\.hanoi/);
  provinceToken = (await login(shared.server.url, "tinh.hanoi", PASSWORD)).token;
});

describe("province oversight", () => {
  it("the CLI refuses a province account without a valid province, and --province for another role", async () => {
    const store = shared.server.running.store;
    const add = (...extra: string[]) => runCommand(store, parseArgs(["user", "add", "--username", `x${extra.length}.${Math.random().toString(36).slice(2, 6)}`, "--password", PASSWORD, ...extra]));
    await expect(add("--role", "province", "--province", "99")).rejects.toThrow(/province/);
    await expect(add("--role", "province", "--commune", COMMUNE_A.code)).rejects.toThrow(/province/);
    await expect(add("--role", "police", "--province", "01")).rejects.toThrow(/--commune/);
  });

  it("shows every commune of the province with figures equal to each commune's own report, and their sum", async () => {
    const answer = await api(shared.server.url, "/api/province/progress", { token: provinceToken });
    expect(answer.status, answer.text).toBe(200);
    const report = ProvinceProgressSchema.parse(answer.body);
    expect(report).toMatchObject({ province: "01", provinceName: "Thành phố Hà Nội", weeklyTargetPercent: 10 });
    expect(report.communes.map((c) => c.commune).sort()).toEqual([BA_DINH.code, COMMUNE_A.code]);

    const own = async (token: string) => ProgressReportSchema.parse((await api(shared.server.url, "/api/progress", { token })).body);
    const aOwn = await own(shared.sessions.admin.token);
    const baDinhAdmin = await freshUser(shared.server.running.store, shared.server.url, "admin", [], BA_DINH.code);
    const bdOwn = await own(baDinhAdmin.token);
    for (const [code, mine] of [[COMMUNE_A.code, aOwn], [BA_DINH.code, bdOwn]] as const) {
      const seen = report.communes.find((c) => c.commune === code);
      expect(seen?.total).toEqual(mine.total);
      expect(seen?.rosters).toEqual(mine.rosters);
      expect(seen?.daily.at(-1)?.total).toEqual(mine.daily.at(-1)?.total);
    }
    expect(report.total.children).toBe(aOwn.total.children + bdOwn.total.children);
    expect(report.total.healthBook).toBe(aOwn.total.healthBook + bdOwn.total.healthBook);
    expect(report.total.children).toBe(5);
    expect(report.daily.at(-1)?.total).toEqual(report.total);
    // Nothing at all has no week behind it yet: every commune is behind the target, slowest first.
    expect(report.communes.every((c) => c.behindTarget)).toBe(true);
  });

  it("never sends a name, date of birth, ID number, phone or address, in JSON or in the XLSX", async () => {
    const json = await api(shared.server.url, "/api/province/progress", { token: provinceToken });
    expect(personal.length).toBeGreaterThan(20);
    for (const value of personal) expect(json.text, value).not.toContain(value);

    const file = await fetchFile(shared.server.url, "/api/province/daily-report.xlsx", provinceToken);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? "")))));
    const text = cells.join("\n");
    for (const value of personal) expect(text, value).not.toContain(value);
    expect(text).toContain(COMMUNE_A.name);
    expect(text).toContain(BA_DINH.name);
    expect(text).not.toContain(PHU_RIENG.name);
  });

  it("is for the province role only; the province account reaches no roster, record or sync", async () => {
    for (const who of ["admin", "police", "social", "school", "hamlet", "viewer"] as UserKey[]) {
      const answer = await api(shared.server.url, "/api/province/progress", { token: shared.sessions[who].token });
      expect(answer.status, who).toBe(403);
      expect((await fetchFile(shared.server.url, "/api/province/daily-report.xlsx", shared.sessions[who].token)).status).toBe(403);
    }
    expect((await api(shared.server.url, "/api/province/progress")).status).toBe(401);
    expect((await api(shared.server.url, "/api/rosters", { token: provinceToken })).body).toEqual([]);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/children`, { token: provinceToken })).status).toBe(403);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/audit`, { token: provinceToken })).status).toBe(403);
    expect((await api(shared.server.url, "/api/users", { token: provinceToken })).status).toBe(403);
    expect(await closeCodeFor(`${shared.server.syncUrl}/${ROSTERS.a5.id}?token=${provinceToken}`)).toBe(4403);
    await sleep(0);
  });
});

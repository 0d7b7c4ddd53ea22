// The authorization matrix of the import, export and progress routes: every role × own /
// other commune / unassigned / unknown roster, written from DESIGN.md's role table; no
// answer to a user of one commune holds anything of the other.
import { ErrorBodySchema, ProgressReportSchema } from "@roster/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMUNE_B_SECRETS, seedAuthorizationRosters } from "./helpers/fixtures";
import { api, type ApiAnswer } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { fetchFile, upload } from "./helpers/upload";
import { COMMUNE_A, COMMUNE_B, ROSTERS, USERS, type UserKey } from "./helpers/world";

type TargetKey = "a5" | "a7" | "b2" | "unknown";
const TARGETS: Record<TargetKey, { id: string; commune: string | undefined }> = {
  a5: { id: ROSTERS.a5.id, commune: COMMUNE_A.code },
  a7: { id: ROSTERS.a7.id, commune: COMMUNE_A.code },
  b2: { id: ROSTERS.b2.id, commune: COMMUNE_B.code },
  unknown: { id: "thon-khong-ton-tai", commune: undefined },
};

type RouteKey = "export" | "handover" | "progress" | "dailyReport" | "followUp" | "importPreview";
const ROUTES: RouteKey[] = ["export", "handover", "progress", "dailyReport", "followUp", "importPreview"];
const EDITS: ReadonlySet<RouteKey> = new Set(["importPreview"]);
const CSV = new TextEncoder().encode("Họ và tên,Ngày sinh,Giới tính\r\nMa Văn Tùng,01/09/2016,Nam\r\n");

const shared = useSharedServer();

beforeAll(async () => {
  await seedAuthorizationRosters(shared.server.running.store, { a5: ROSTERS.a5.id, a7: ROSTERS.a7.id, b2: ROSTERS.b2.id });
});

async function call(route: RouteKey, target: TargetKey, token: string): Promise<ApiAnswer> {
  const base = `/api/rosters/${TARGETS[target].id}`;
  const get = async (path: string) => {
    const file = await fetchFile(shared.server.url, path, token);
    let body: unknown;
    try {
      body = JSON.parse(file.text);
    } catch {
      body = undefined;
    }
    return { status: file.status, body, text: file.text };
  };
  switch (route) {
    case "export":
      return get(`${base}/export?format=csv`);
    case "handover":
      return get(`${base}/export?format=html`);
    case "progress":
      return get(`${base}/progress`);
    case "dailyReport":
      return get(`${base}/progress/daily-report.xlsx`);
    case "followUp":
      return get(`${base}/follow-up?format=csv`);
    case "importPreview":
      return upload(shared.server.url, `${base}/import?preview=1`, token, { name: "them.csv", bytes: CSV });
  }
}

function expectedStatus(who: UserKey, route: RouteKey, target: TargetKey): number {
  const user = USERS[who];
  const roster = TARGETS[target];
  if (roster.commune === undefined) return 404;
  if (roster.commune !== user.commune) return 403;
  const assigned = "rosters" in user && (user.rosters as readonly string[]).includes(roster.id);
  if (user.role === "hamlet" && !assigned) return 403;
  if (EDITS.has(route) && user.role === "viewer") return 403;
  return 200;
}

function foreignStrings(who: UserKey): string[] {
  if (USERS[who].commune === COMMUNE_A.code) {
    return [COMMUNE_B_SECRETS.childName, COMMUNE_B_SECRETS.childPid, COMMUNE_B_SECRETS.motherName, COMMUNE_B_SECRETS.motherPid, ROSTERS.b2.name];
  }
  return ["Nguyễn Văn An", "Đinh Văn Bình", "Phạm Thị Hoa", "Trần Thị Mai", ROSTERS.a5.name, ROSTERS.a7.name];
}

const CALLERS = Object.keys(USERS) as UserKey[];
const rows = CALLERS.flatMap((who) =>
  (Object.keys(TARGETS) as TargetKey[]).flatMap((target) => ROUTES.map((route) => ({ who, route, target, status: expectedStatus(who, route, target) }))),
);

describe("files and progress: authorization matrix", () => {
  it.each(rows)("$who × $route × $target → $status", async ({ who, route, target, status }) => {
    const answer = await call(route, target, shared.sessions[who].token);
    expect(answer.status, answer.text.slice(0, 300)).toBe(status);
    if (status !== 200) expect(ErrorBodySchema.safeParse(answer.body).success, answer.text).toBe(true);
    for (const secret of foreignStrings(who)) expect(answer.text).not.toContain(secret);
  });

  it.each(ROUTES)("%s without a valid token → 401", async (route) => {
    for (const token of ["", "khong-phai-token", `${shared.sessions.police.token}x`]) {
      const answer = await call(route, "a5", token);
      expect(answer.status).toBe(401);
      expect(ErrorBodySchema.parse(answer.body).error.code).toBe("unauthorized");
    }
  });

  it("the commune-wide progress covers exactly the rosters each user sees", async () => {
    for (const [who, expected] of [
      ["admin", [ROSTERS.a5.id, ROSTERS.a7.id]],
      ["viewer", [ROSTERS.a5.id, ROSTERS.a7.id]],
      ["hamlet", [ROSTERS.a5.id]],
      ["bSchool", [ROSTERS.b2.id]],
    ] as [UserKey, string[]][]) {
      const answer = await api(shared.server.url, "/api/progress", { token: shared.sessions[who].token });
      const report = ProgressReportSchema.parse(answer.body);
      expect(report.rosters.map((r) => r.rosterId).sort()).toEqual([...expected].sort());
      expect(report.commune).toBe(USERS[who].commune);
      for (const secret of foreignStrings(who)) expect(answer.text).not.toContain(secret);
      const xlsx = await fetchFile(shared.server.url, "/api/progress/daily-report.xlsx", shared.sessions[who].token);
      expect(xlsx.status).toBe(200);
    }
  });
});

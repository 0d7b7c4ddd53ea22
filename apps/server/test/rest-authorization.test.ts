// The REST authorization matrix: every route × every role × own / other commune, plus no
// token and a bad token, against the role table of DESIGN.md "Accounts, roles, scope".
// The expectations are written from that table here, not imported from the server.
import { ErrorBodySchema, RosterListItemSchema } from "@roster/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { COMMUNE_B_SECRETS, seedAuthorizationRosters } from "./helpers/fixtures";
import { api, type ApiAnswer } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { COMMUNE_A, COMMUNE_B, PASSWORD, ROSTERS, USERS, type UserKey } from "./helpers/world";

/** DESIGN.md's role table, as this test reads it. */
const DESIGN_ROLES = {
  admin: { seesAll: true, verifies: false },
  police: { seesAll: true, verifies: true },
  social: { seesAll: true, verifies: false },
  school: { seesAll: true, verifies: false },
  hamlet: { seesAll: false, verifies: false },
  viewer: { seesAll: true, verifies: false },
} as const;

type TargetKey = "a5" | "a7" | "b2" | "unknown";
const TARGETS: Record<TargetKey, { id: string; commune: string | undefined; label: string }> = {
  a5: { id: ROSTERS.a5.id, commune: COMMUNE_A.code, label: "commune A roster assigned to A's hamlet head" },
  a7: { id: ROSTERS.a7.id, commune: COMMUNE_A.code, label: "commune A roster not assigned to A's hamlet head" },
  b2: { id: ROSTERS.b2.id, commune: COMMUNE_B.code, label: "commune B roster" },
  unknown: { id: "thon-khong-ton-tai", commune: undefined, label: "unknown roster" },
};

type RouteKey = "children" | "status" | "report" | "audit" | "verify" | "unverify";
const ROUTES: RouteKey[] = ["children", "status", "report", "audit", "verify", "unverify"];

/** Per roster: the id and current fingerprint of its clean child. */
const cleanChild: Partial<Record<TargetKey, { id: string; fingerprint: string }>> = {};

const shared = useSharedServer();

beforeAll(async () => {
  await seedAuthorizationRosters(shared.server.running.store, { a5: ROSTERS.a5.id, a7: ROSTERS.a7.id, b2: ROSTERS.b2.id });
  for (const target of ["a5", "a7", "b2"] as const) {
    const markings = await shared.server.running.hub.markNow(TARGETS[target].id);
    const [id, marking] = [...markings].find(([, m]) => m.status === "clean") ?? [];
    if (!id || !marking) throw new Error(`no clean child in ${target}`);
    cleanChild[target] = { id, fingerprint: marking.fingerprint };
  }
});

const policeOf = (target: TargetKey): UserKey => (target === "b2" ? "bPolice" : "police");

function call(route: RouteKey, target: TargetKey, token: string | undefined, authorization?: string): Promise<ApiAnswer> {
  const base = `/api/rosters/${TARGETS[target].id}`;
  const child = cleanChild[target] ?? { id: "c-khong-co", fingerprint: "0".repeat(64) };
  const auth = { ...(token === undefined ? {} : { token }), ...(authorization ? { authorization } : {}) };
  switch (route) {
    case "children":
      return api(shared.server.url, `${base}/children`, auth);
    case "status":
      return api(shared.server.url, `${base}/children?status=clean`, auth);
    case "report":
      return api(shared.server.url, `${base}/report`, auth);
    case "audit":
      return api(shared.server.url, `${base}/audit`, auth);
    case "verify":
      return api(shared.server.url, `${base}/children/${child.id}/verify`, { ...auth, method: "POST", body: { fingerprint: child.fingerprint } });
    case "unverify":
      return api(shared.server.url, `${base}/children/${child.id}/verify`, { ...auth, method: "DELETE" });
  }
}

/** What DESIGN.md says `who` gets from `route` on `target`. */
function expectedStatus(who: UserKey, route: RouteKey, target: TargetKey): number {
  const user = USERS[who];
  const role = DESIGN_ROLES[user.role];
  const roster = TARGETS[target];
  if (roster.commune === undefined) return 404;
  if (roster.commune !== user.commune) return 403;
  const assigned = "rosters" in user && (user.rosters as readonly string[]).includes(roster.id);
  if (!role.seesAll && !assigned) return 403;
  if ((route === "verify" || route === "unverify") && !role.verifies) return 403;
  return 200;
}

/** Strings of the other commune that must never appear in an answer to `who`. */
function foreignStrings(who: UserKey): string[] {
  if (USERS[who].commune === COMMUNE_A.code) {
    return [COMMUNE_B_SECRETS.childName, COMMUNE_B_SECRETS.childPid, COMMUNE_B_SECRETS.motherName, COMMUNE_B_SECRETS.motherPid, ROSTERS.b2.name, COMMUNE_B.code, cleanChild.b2!.fingerprint];
  }
  return ["Nguyễn Văn An", "Đinh Văn Bình", "Phạm Thị Hoa", "Trần Thị Mai", ROSTERS.a5.name, ROSTERS.a7.name, COMMUNE_A.code];
}

async function isVerified(target: TargetKey): Promise<boolean> {
  const { review } = await shared.server.running.hub.review(TARGETS[target].id);
  return review.verification(cleanChild[target]!.id) !== undefined;
}

const CALLERS = Object.keys(USERS) as UserKey[];
const rows = CALLERS.flatMap((who) =>
  (Object.keys(TARGETS) as TargetKey[]).flatMap((target) =>
    ROUTES.map((route) => ({ who, route, target, status: expectedStatus(who, route, target) })),
  ),
);

describe("authorization matrix", () => {
  it.each(rows)("$who × $route × $target → $status", async ({ who, route, target, status }) => {
    const known = target !== "unknown";
    // A revocation is only meaningful on a verified record: verify it first as its police.
    if (route === "unverify" && known) {
      const before = await call("verify", target, shared.sessions[policeOf(target)].token);
      expect(before.status).toBe(200);
    }
    const answer = await call(route, target, shared.sessions[who].token);
    expect(answer.status, answer.text).toBe(status);
    if (status !== 200) expect(ErrorBodySchema.safeParse(answer.body).success, answer.text).toBe(true);
    for (const secret of foreignStrings(who)) expect(answer.text).not.toContain(secret);

    if (known) {
      // Refused writes changed nothing; accepted ones did what they say. Then reset.
      const verified = await isVerified(target);
      if (route === "verify") expect(verified).toBe(status === 200);
      if (route === "unverify") expect(verified).toBe(status !== 200);
      if (verified) expect((await call("unverify", target, shared.sessions[policeOf(target)].token)).status).toBe(200);
    }
  });

  it.each(["children", "status", "report", "audit", "verify", "unverify"] as RouteKey[])(
    "%s without a token or with a bad one → 401 on every roster",
    async (route) => {
      for (const target of Object.keys(TARGETS) as TargetKey[]) {
        for (const auth of [undefined, "Bearer khong-phai-token", "Basic YTpi", `Bearer ${shared.sessions.police.token}x`]) {
          const answer = await call(route, target, undefined, auth);
          expect(answer.status, `${target} ${auth}`).toBe(401);
          expect(ErrorBodySchema.parse(answer.body).error.code).toBe("unauthorized");
          expect(answer.text).not.toContain(COMMUNE_B_SECRETS.childName);
        }
      }
    },
  );
});

describe("what each role reads", () => {
  it.each<[UserKey, string[]]>([
    ["admin", [ROSTERS.a5.id, ROSTERS.a7.id]],
    ["police", [ROSTERS.a5.id, ROSTERS.a7.id]],
    ["social", [ROSTERS.a5.id, ROSTERS.a7.id]],
    ["school", [ROSTERS.a5.id, ROSTERS.a7.id]],
    ["hamlet", [ROSTERS.a5.id]],
    ["viewer", [ROSTERS.a5.id, ROSTERS.a7.id]],
    ["bPolice", [ROSTERS.b2.id]],
    ["bSchool", [ROSTERS.b2.id]],
  ])("GET /api/rosters as %s lists exactly %j", async (who, expected) => {
    const answer = await api(shared.server.url, "/api/rosters", { token: shared.sessions[who].token });
    expect(answer.status).toBe(200);
    const list = z.array(RosterListItemSchema).parse(answer.body);
    expect(list.map((r) => r.id).sort()).toEqual([...expected].sort());
    for (const r of list) expect(r.commune).toBe(USERS[who].commune);
    for (const secret of foreignStrings(who)) expect(answer.text).not.toContain(secret);
  });

  it.each(CALLERS)("GET /api/me as %s answers its own account and nothing secret", async (who) => {
    const answer = await api(shared.server.url, "/api/me", { token: shared.sessions[who].token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: shared.sessions[who].id, username: USERS[who].username, role: USERS[who].role, commune: USERS[who].commune });
    expect(answer.text).not.toMatch(/scrypt|passwordHash/);
  });

  it.each(["/api/me", "/api/rosters"])("GET %s without a token or with a bad one → 401", async (path) => {
    for (const authorization of [undefined, "Bearer khong-phai-token", `Bearer ${shared.sessions.bPolice.token}x`]) {
      const answer = await api(shared.server.url, path, authorization ? { authorization } : {});
      expect(answer.status).toBe(401);
      expect(ErrorBodySchema.parse(answer.body).error.code).toBe("unauthorized");
    }
  });

  it("?status= filters by the server's status, and a bad status is a 400", async () => {
    const token = shared.sessions.school.token;
    const byStatus = async (status: string) => api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/children?status=${status}`, { token });
    const clean = (await byStatus("clean")).body as { fullName: string; status: string }[];
    const needsFix = (await byStatus("needs-fix")).body as { fullName: string; status: string; findings: { code: string }[] }[];
    expect(clean.map((c) => c.fullName)).toEqual(["Nguyễn Văn An"]);
    expect(needsFix.map((c) => c.fullName)).toEqual(["Phạm Thị Hoa"]);
    expect(needsFix[0]!.findings.map((f) => f.code)).toContain("pid.missing");
    expect((await byStatus("verified")).body).toEqual([]);
    const bad = await byStatus("xong");
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(bad.body).error.code).toBe("invalid_query");
  });

  it("the report counts the roster's children by status", async () => {
    const answer = await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/report`, { token: shared.sessions.viewer.token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rosterId: ROSTERS.a5.id, total: 2, byStatus: { clean: 1, "needs-fix": 1, verified: 0 } });
  });
});

describe("login", () => {
  const login = (body: unknown) => api(shared.server.url, "/api/login", { method: "POST", body });

  it("answers a wrong password and an unknown user alike: 401 with {error: {code, message}}", async () => {
    const wrong = await login({ username: USERS.social.username, password: "sai-mat-khau-roi" });
    const unknown = await login({ username: "khong.co.ai", password: "sai-mat-khau-roi" });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      const { error } = ErrorBodySchema.parse(answer.body);
      expect(error.code).toBe("unauthorized");
      expect(error.message).toMatch(/Sai tên đăng nhập hoặc mật khẩu/);
    }
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each<[string, string]>([
    ["not JSON", "{username: a.social"],
    ["an empty body", ""],
    ["no password", JSON.stringify({ username: USERS.social.username })],
    ["a username with spaces", JSON.stringify({ username: "a social", password: "x" })],
    ["an array", JSON.stringify([USERS.social.username, "x"])],
  ])("a malformed body (%s) → 400 with {error: {code, message}}", async (_name, rawBody) => {
    const answer = await api(shared.server.url, "/api/login", { method: "POST", rawBody });
    expect(answer.status).toBe(400);
    expect(ErrorBodySchema.safeParse(answer.body).success).toBe(true);
    expect(answer.text).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it("the 11th failed attempt is refused with 429, even with the right password", async () => {
    const username = USERS.admin.username;
    for (let i = 1; i <= 10; i++) {
      expect((await login({ username, password: `doan-sai-lan-${i}` })).status, `attempt ${i}`).toBe(401);
    }
    const eleventh = await login({ username, password: "doan-sai-lan-11" });
    expect(eleventh.status).toBe(429);
    expect(ErrorBodySchema.parse(eleventh.body).error.code).toBe("rate_limited");
    expect((await login({ username, password: PASSWORD })).status).toBe(429);
    // Other accounts are not locked out with it.
    expect((await login({ username: USERS.police.username, password: PASSWORD })).status).toBe(200);
  });
});

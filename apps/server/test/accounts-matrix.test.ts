import { beforeAll, describe, expect, it } from "vitest";
import { api, type ApiAnswer } from "./helpers/http";
import { freshUser } from "./helpers/accounts";
import { useSharedServer } from "./helpers/shared-server";
import { COMMUNE_A, COMMUNE_B, ROSTERS, type UserKey } from "./helpers/world";

const shared = useSharedServer();

/** A's admin, A's other roles, and an admin of commune B. */
const CALLERS = ["admin", "police", "social", "school", "hamlet", "viewer", "bAdmin"] as const;
type Caller = (typeof CALLERS)[number];
let bAdminToken = "";
let serial = 0;

beforeAll(async () => {
  bAdminToken = (await freshUser(shared.server.running.store, shared.server.url, "admin", [], COMMUNE_B.code)).token;
});

const tokenOf = (caller: Caller) => (caller === "bAdmin" ? bAdminToken : shared.sessions[caller as UserKey].token);

/** A throwaway user and roster of a commune, so that every call changes something of its own. */
async function targets(commune: string): Promise<{ userId: string; rosterId: string }> {
  serial += 1;
  const rosterId = `ma-tran-${commune}-${serial}`;
  await shared.server.running.store.addRoster({ id: rosterId, name: `Thôn thử ${serial}`, commune });
  const user = await freshUser(shared.server.running.store, shared.server.url, "school", [], commune);
  return { userId: user.id, rosterId };
}

type Call = (token: string, t: { userId: string; rosterId: string }) => Promise<ApiAnswer>;

/** Every admin route on an id: what the admin of that commune gets. */
const ID_ROUTES: Record<string, [Call, number]> = {
  "PATCH /api/users/:id": [(token, t) => api(shared.server.url, `/api/users/${t.userId}`, { method: "PATCH", token, body: { displayName: "Tên mới" } }), 200],
  "POST /api/users/:id/reset": [(token, t) => api(shared.server.url, `/api/users/${t.userId}/reset`, { method: "POST", token }), 200],
  "PATCH /api/rosters/:id": [(token, t) => api(shared.server.url, `/api/rosters/${t.rosterId}`, { method: "PATCH", token, body: { name: "Thôn đổi tên" } }), 200],
};

/** Admin routes without an id: they act on the caller's own commune only. */
const COMMUNE_ROUTES: Record<string, [Call, number]> = {
  "GET /api/users": [(token) => api(shared.server.url, "/api/users", { token }), 200],
  "POST /api/users": [(token) => api(shared.server.url, "/api/users", { method: "POST", token, body: { username: `moi.${++serial}.${process.pid}`, displayName: "Người mới", role: "school" } }), 201],
  "POST /api/rosters": [(token) => api(shared.server.url, "/api/rosters", { method: "POST", token, body: { id: `thon-moi-${++serial}`, name: "Thôn Mới" } }), 201],
  "GET /api/security-log": [(token) => api(shared.server.url, "/api/security-log", { token }), 200],
};

describe("admin routes × roles × communes", () => {
  describe.each(Object.entries(ID_ROUTES))("%s", (_route, [call, ok]) => {
    it.each(CALLERS)("%s", async (caller) => {
      const own = await targets(COMMUNE_A.code);
      const other = await targets(COMMUNE_B.code);
      const onOwn = await call(tokenOf(caller), own);
      const onOther = await call(tokenOf(caller), other);
      if (caller === "admin") {
        expect(onOwn.status, onOwn.text).toBe(ok);
        // Another commune's id is answered as if it did not exist.
        expect(onOther.status).toBe(404);
        expect(onOther.body).toMatchObject({ error: { code: "not_found" } });
      } else if (caller === "bAdmin") {
        expect(onOwn.status).toBe(404);
        expect(onOther.status, onOther.text).toBe(ok);
      } else {
        expect(onOwn.status).toBe(403);
        expect(onOther.status).toBe(403);
        expect(onOwn.body).toMatchObject({ error: { code: "not_admin" } });
      }
    });
  });

  describe.each(Object.entries(COMMUNE_ROUTES))("%s", (_route, [call, ok]) => {
    it.each(CALLERS)("%s", async (caller) => {
      const answer = await call(tokenOf(caller), { userId: "", rosterId: "" });
      if (caller === "admin" || caller === "bAdmin") expect(answer.status, answer.text).toBe(ok);
      else {
        expect(answer.status).toBe(403);
        expect(answer.body).toMatchObject({ error: { code: "not_admin" } });
      }
    });
  });

  it("each admin lists and creates in its own commune only", async () => {
    const created = await api(shared.server.url, "/api/users", { method: "POST", token: bAdminToken, body: { username: `b.moi.${process.pid}`, displayName: "Người xã B", role: "school" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user: { commune: COMMUNE_B.code, role: "school", disabled: false }, code: expect.stringMatching(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/) });
    const listA = (await api(shared.server.url, "/api/users", { token: shared.sessions.admin.token })).body as { username: string; commune: string }[];
    const listB = (await api(shared.server.url, "/api/users", { token: bAdminToken })).body as { username: string; commune: string }[];
    expect(listA.every((u) => u.commune === COMMUNE_A.code)).toBe(true);
    expect(listA.map((u) => u.username)).not.toContain(`b.moi.${process.pid}`);
    expect(listB.map((u) => u.username)).toContain(`b.moi.${process.pid}`);
    expect(JSON.stringify(listA)).not.toContain("scrypt");
    // A's admin may not assign B's roster (404 as if unknown), nor create a roster id B already uses.
    const stray = await api(shared.server.url, "/api/users", { method: "POST", token: shared.sessions.admin.token, body: { username: `a.lac.${process.pid}`, displayName: "Lạc", role: "hamlet", rosters: [ROSTERS.b2.id] } });
    expect(stray.status).toBe(404);
    const taken = await api(shared.server.url, "/api/rosters", { method: "POST", token: shared.sessions.admin.token, body: { id: ROSTERS.b2.id, name: "Trùng" } });
    expect(taken.status).toBe(409);
  });

  it("an admin cannot disable or demote itself", async () => {
    const admin = await freshUser(shared.server.running.store, shared.server.url, "admin");
    const self = (body: unknown) => api(shared.server.url, `/api/users/${admin.id}`, { method: "PATCH", token: admin.token, body });
    expect((await self({ displayName: "Tự đổi tên" })).status).toBe(200);
    expect((await self({ disabled: true })).status).toBe(409);
    expect((await self({ role: "viewer" })).body).toMatchObject({ error: { code: "self_demotion" } });
    expect((await api(shared.server.url, "/api/me", { token: admin.token })).body).toMatchObject({ role: "admin" });
  });

  it("refuses bad bodies with 400 and the reasons", async () => {
    const token = shared.sessions.admin.token;
    for (const body of [{ username: "có dấu", displayName: "X", role: "school" }, { username: "ok.name", displayName: "X", role: "chairman" }, { username: "ok.name", displayName: "", role: "school" }]) {
      const answer = await api(shared.server.url, "/api/users", { method: "POST", token, body });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "invalid_body" } });
    }
    const own = await targets(COMMUNE_A.code);
    expect((await api(shared.server.url, `/api/users/${own.userId}`, { method: "PATCH", token, body: { passwordHash: "x" } })).status).toBe(400);
    expect((await api(shared.server.url, `/api/rosters/${own.rosterId}`, { method: "PATCH", token, body: { commune: COMMUNE_B.code } })).status).toBe(400);
  });
});

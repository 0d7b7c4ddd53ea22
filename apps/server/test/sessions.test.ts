import { describe, expect, it } from "vitest";
import { api, login } from "./helpers/http";
import { freshUser, nextClose } from "./helpers/accounts";
import { useSharedServer } from "./helpers/shared-server";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { PASSWORD, ROSTERS } from "./helpers/world";

const shared = useSharedServer();
const NEW_PASSWORD = "Đồng-lúa-chín-2026";

function open(room: string, token: string): SyncClient {
  const client = connectClient(shared.server.syncUrl, room, token);
  shared.clients.push(client);
  return client;
}

const me = (token: string) => api(shared.server.url, "/api/me", { token });

describe("sessions behind the tokens", () => {
  it("logout ends the session in use only: its token is refused, the user's other session goes on", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "school");
    const other = (await login(shared.server.url, user.username, PASSWORD)).token;
    expect((await me(user.token)).status).toBe(200);
    expect((await api(shared.server.url, "/api/logout", { method: "POST", token: user.token })).status).toBe(200);
    const after = await me(user.token);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: "unauthorized" } });
    expect((await me(other)).status).toBe(200);
  });

  it("logout closes the sync connections of that session with 4401 within 1 s", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "school");
    const client = open(ROSTERS.a5.id, user.token);
    await whenSynced(client);
    let started = 0;
    const closed = nextClose(client, () => started);
    started = performance.now();
    await api(shared.server.url, "/api/logout", { method: "POST", token: user.token });
    const { code, afterMs } = await closed;
    expect(code).toBe(4401);
    expect(afterMs).toBeLessThan(1000);
    // The stock client stops on 4401 and a new connection with that token is refused too.
    await expect(whenSynced(open(ROSTERS.a5.id, user.token))).rejects.toThrow(/4401/);
  });

  it("a password change keeps the session that made it and ends every other one (and its sync)", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "social");
    const phone = (await login(shared.server.url, user.username, PASSWORD)).token;
    const phoneSync = open(ROSTERS.a7.id, phone);
    await whenSynced(phoneSync);
    const change = (body: unknown) => api(shared.server.url, "/api/me/password", { method: "POST", token: user.token, body });

    expect((await change({ current: "sai-mat-khau-roi", next: NEW_PASSWORD })).body).toMatchObject({ error: { code: "wrong_password" } });
    const weak = await change({ current: PASSWORD, next: "123456789" });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: "weak_password" } });
    expect((await me(phone)).status).toBe(200);

    // Hashing the new password (scrypt, ~0.3 s alone, more on a loaded machine) comes before
    // the change: the 1 s runs from the answer, which the server sends once it has closed.
    const closed = nextClose(phoneSync, () => 0);
    expect((await change({ current: PASSWORD, next: NEW_PASSWORD })).status).toBe(200);
    const answered = performance.now();
    const { code, afterMs: closedAt } = await closed;
    expect(code).toBe(4401);
    expect(closedAt - answered).toBeLessThan(1000);
    expect((await me(user.token)).status).toBe(200);
    expect((await me(phone)).status).toBe(401);
    await expect(login(shared.server.url, user.username, PASSWORD)).rejects.toThrow(/401/);
    expect((await login(shared.server.url, user.username, NEW_PASSWORD)).user.id).toBe(user.id);
  });

  it("lists my sessions (device, last used, which is this one) and ends another one", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "police");
    const phoneLogin = await fetch(`${shared.server.url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile" },
      body: JSON.stringify({ username: user.username, password: PASSWORD }),
    });
    const phone = ((await phoneLogin.json()) as { token: string }).token;
    const listed = await api(shared.server.url, "/api/me/sessions", { token: user.token });
    expect(listed.status).toBe(200);
    const sessions = listed.body as { id: string; device: string; current: boolean; lastUsedAt: string }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = sessions.find((s) => s.device.includes("Android"));
    expect(phoneSession?.current).toBe(false);
    expect(listed.text).not.toContain(phone);
    expect(listed.text).not.toContain(user.token);

    // Another user's session id answers 404, as if unknown, and stays open.
    const stranger = await freshUser(shared.server.running.store, shared.server.url, "police");
    expect((await api(shared.server.url, `/api/me/sessions/${phoneSession?.id}`, { method: "DELETE", token: stranger.token })).status).toBe(404);
    expect((await me(phone)).status).toBe(200);

    expect((await api(shared.server.url, `/api/me/sessions/${phoneSession?.id}`, { method: "DELETE", token: user.token })).status).toBe(200);
    expect((await me(phone)).status).toBe(401);
    expect((await me(user.token)).status).toBe(200);
    const left = (await api(shared.server.url, "/api/me/sessions", { token: user.token })).body as unknown[];
    expect(left).toHaveLength(1);
  });

  it("GET /api/me answers the session user from the schema, never the password hash", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "hamlet", [ROSTERS.a5.id]);
    const answer = await me(user.token);
    expect(answer.body).toEqual({ id: user.id, username: user.username, displayName: expect.any(String), role: "hamlet", commune: "00097", rosters: [ROSTERS.a5.id] });
    expect(answer.text).not.toContain("scrypt");
  });
});

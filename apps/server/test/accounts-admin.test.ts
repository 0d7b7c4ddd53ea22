import { describe, expect, it } from "vitest";
import { api, login, type ApiAnswer } from "./helpers/http";
import { freshUser, nextClose } from "./helpers/accounts";
import { useSharedServer } from "./helpers/shared-server";
import { connectClient, sleep, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { upload, sample } from "./helpers/upload";
import { COMMUNE_A, PASSWORD, ROSTERS, USERS } from "./helpers/world";

// The server's clock runs `offsetMs` ahead of real time: codes expire by it.
let offsetMs = 0;
const shared = useSharedServer({}, undefined, { now: () => new Date(Date.now() + offsetMs) });
const GOOD_PASSWORD = "Cánh-đồng-Thôn-Bắc-7";
let serial = 0;

const admin = () => shared.sessions.admin.token;
const call = (path: string, options: Parameters<typeof api>[2] = {}): Promise<ApiAnswer> => api(shared.server.url, path, { token: admin(), ...options });

function open(room: string, token: string): SyncClient {
  const client = connectClient(shared.server.syncUrl, room, token);
  shared.clients.push(client);
  return client;
}

async function createUser(role: string, rosters: string[] = []): Promise<{ id: string; username: string; code: string }> {
  serial += 1;
  const username = `moi${serial}.${role}.${process.pid}`;
  const answer = await call("/api/users", { method: "POST", body: { username, displayName: `Người mới ${serial}`, role, rosters } });
  expect(answer.status, answer.text).toBe(201);
  const body = answer.body as { user: { id: string }; code: string; expiresAt: string };
  return { id: body.user.id, username, code: body.code };
}

const redeem = (code: string, password: string) => api(shared.server.url, "/api/password-codes/redeem", { method: "POST", body: { code, password } });

/** Runs `act` and measures how long until the server closes `client`. */
async function closeAfter(client: SyncClient, act: () => Promise<unknown>): Promise<{ code: number; afterMs: number }> {
  let started = 0;
  const closed = nextClose(client, () => started);
  started = performance.now();
  await act();
  return closed;
}

describe("one-time codes", () => {
  it("a new hamlet head sets a password with the code, is signed in, and sees only their village", async () => {
    const user = await createUser("hamlet", [ROSTERS.a5.id]);
    // Nobody can log in before the code is used: the account has no password.
    await expect(login(shared.server.url, user.username, "")).rejects.toThrow();
    const answer = await redeem(user.code.toLowerCase(), GOOD_PASSWORD);
    expect(answer.status, answer.text).toBe(200);
    const { token, user: signedIn } = answer.body as { token: string; user: { id: string; role: string } };
    expect(signedIn).toMatchObject({ id: user.id, role: "hamlet" });
    expect((await api(shared.server.url, "/api/rosters", { token })).body).toEqual([{ id: ROSTERS.a5.id, name: ROSTERS.a5.name, commune: COMMUNE_A.code }]);
    expect((await login(shared.server.url, user.username, GOOD_PASSWORD)).user.id).toBe(user.id);
  });

  it("refuses a weak password and keeps the code for a better one; a code works once", async () => {
    const user = await createUser("school");
    for (const weak of ["ngan-qua", user.username, "1234567890", `${user.username}-2026`]) {
      const answer = await redeem(user.code, weak);
      expect(answer.status, weak).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "weak_password" } });
    }
    expect((await redeem(user.code, GOOD_PASSWORD)).status).toBe(200);
    const again = await redeem(user.code, "Một-mật-khẩu-khác-99");
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: "invalid_code" } });
    expect((await login(shared.server.url, user.username, GOOD_PASSWORD)).user.id).toBe(user.id);
  });

  it("expires 24 hours after it was issued (server clock)", async () => {
    const late = await createUser("school");
    const inTime = await createUser("school");
    try {
      offsetMs = 24 * 3600 * 1000 - 60_000;
      expect((await redeem(inTime.code, GOOD_PASSWORD)).status).toBe(200);
      offsetMs = 24 * 3600 * 1000 + 1000;
      const answer = await redeem(late.code, GOOD_PASSWORD);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "invalid_code" } });
    } finally {
      offsetMs = 0;
    }
  });

  it("a reset replaces the password and the earlier code, and ends every session and sync connection", async () => {
    const user = await createUser("school");
    const first = (await redeem(user.code, GOOD_PASSWORD)).body as { token: string };
    const client = open(ROSTERS.a7.id, first.token);
    await whenSynced(client);
    let code = "";
    const closed = await closeAfter(client, async () => {
      const answer = await call(`/api/users/${user.id}/reset`, { method: "POST" });
      expect(answer.status).toBe(200);
      code = (answer.body as { code: string }).code;
    });
    expect(closed.code).toBe(4401);
    expect(closed.afterMs).toBeLessThan(1000);
    expect((await api(shared.server.url, "/api/me", { token: first.token })).status).toBe(401);
    await expect(login(shared.server.url, user.username, GOOD_PASSWORD)).rejects.toThrow(/401/);
    expect((await redeem(code, "Mật-khẩu-sau-đặt-lại-3")).status).toBe(200);
  });
});

describe("an admin's change reaches open connections within 1 s", () => {
  it("disabling: sync closed with 4401, the next request 401, login refused; enabling lets them back", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "school");
    const client = open(ROSTERS.a5.id, user.token);
    await whenSynced(client);
    const closed = await closeAfter(client, () => call(`/api/users/${user.id}`, { method: "PATCH", body: { disabled: true } }));
    expect(closed.code).toBe(4401);
    expect(closed.afterMs).toBeLessThan(1000);
    console.info(`[accounts] disable → 4401 after ${closed.afterMs.toFixed(1)} ms`);
    expect((await api(shared.server.url, "/api/rosters", { token: user.token })).status).toBe(401);
    await expect(login(shared.server.url, user.username, PASSWORD)).rejects.toThrow(/401/);
    expect((await call(`/api/users/${user.id}`, { method: "PATCH", body: { disabled: false } })).status).toBe(200);
    expect((await login(shared.server.url, user.username, PASSWORD)).user.id).toBe(user.id);
  });

  it("removing a hamlet head's village: that connection closed with 4403, the next request 403; the other village stays open", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "hamlet", [ROSTERS.a5.id, ROSTERS.a7.id]);
    const kept = open(ROSTERS.a7.id, user.token);
    const removed = open(ROSTERS.a5.id, user.token);
    await Promise.all([whenSynced(kept), whenSynced(removed)]);
    const closed = await closeAfter(removed, () => call(`/api/users/${user.id}`, { method: "PATCH", body: { rosters: [ROSTERS.a7.id] } }));
    expect(closed.code).toBe(4403);
    expect(closed.afterMs).toBeLessThan(1000);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a5.id}/children`, { token: user.token })).status).toBe(403);
    expect((await api(shared.server.url, `/api/rosters/${ROSTERS.a7.id}/children`, { token: user.token })).status).toBe(200);
    await sleep(300);
    expect(kept.provider.wsconnected).toBe(true);
  });

  it("a role change that removes editing (school → viewer) reconnects the client read-only", async () => {
    const user = await freshUser(shared.server.running.store, shared.server.url, "school");
    const client = open(ROSTERS.a7.id, user.token);
    await whenSynced(client);
    const closed = await closeAfter(client, () => call(`/api/users/${user.id}`, { method: "PATCH", body: { role: "viewer" } }));
    expect(closed.code).toBe(4000);
    expect(closed.afterMs).toBeLessThan(1000);
    // The stock client reconnects by itself; what it writes now is dropped by the server.
    await waitFor(() => client.provider.synced);
    client.records().createChild({ fullName: "Không Được Lưu" });
    await sleep(300);
    const witness = open(ROSTERS.a7.id, shared.sessions.police.token);
    await whenSynced(witness);
    expect(witness.records().listChildren().map((c) => c.fullName)).not.toContain("Không Được Lưu");
  });
});

describe("archived villages", () => {
  it("are hidden from field lists, read-only over sync and REST, kept whole, and can be restored", async () => {
    const id = `thon-luu-tru-${process.pid}`;
    expect((await call("/api/rosters", { method: "POST", body: { id, name: "Thôn Lưu Trữ" } })).status).toBe(201);
    const school = shared.sessions.school.token;
    const editor = open(id, school);
    await whenSynced(editor);
    editor.records().createChild({ fullName: "Nguyễn Văn Còn" });
    await waitFor(async () => ((await api(shared.server.url, `/api/rosters/${id}/children`, { token: school })).body as unknown[]).length === 1);
    // Before archiving, the same import is accepted.
    const before = await upload(shared.server.url, `/api/rosters/${id}/import?preview=1`, school, { name: "lop.csv", bytes: sample("danh-sach-dien-thoai.csv") });
    expect(before.status, before.text).toBe(200);

    const closed = await closeAfter(editor, () => call(`/api/rosters/${id}`, { method: "PATCH", body: { archived: true } }));
    expect(closed.code).toBe(4000);
    const fieldList = (await api(shared.server.url, "/api/rosters", { token: school })).body as { id: string }[];
    expect(fieldList.map((r) => r.id)).not.toContain(id);
    const adminList = (await call("/api/rosters?archived=include")).body as { id: string; archived?: boolean }[];
    expect(adminList.find((r) => r.id === id)).toMatchObject({ archived: true });
    const refused = await upload(shared.server.url, `/api/rosters/${id}/import?preview=1`, school, { name: "lop.csv", bytes: sample("danh-sach-dien-thoai.csv") });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "archived" } });
    // Still readable, nothing deleted; a write over sync is dropped.
    expect(((await api(shared.server.url, `/api/rosters/${id}/children`, { token: school })).body as unknown[]).length).toBe(1);
    await waitFor(() => editor.provider.synced);
    editor.records().createChild({ fullName: "Sau Lưu Trữ" });
    await sleep(300);
    expect(((await api(shared.server.url, `/api/rosters/${id}/children`, { token: school })).body as unknown[]).length).toBe(1);

    expect((await call(`/api/rosters/${id}`, { method: "PATCH", body: { archived: false } })).status).toBe(200);
    expect(((await api(shared.server.url, "/api/rosters", { token: school })).body as { id: string }[]).map((r) => r.id)).toContain(id);
  });
});

describe("security log", () => {
  it("keeps who did what to whom and when, newest first, per commune", async () => {
    const user = await createUser("hamlet", [ROSTERS.a5.id]);
    await call(`/api/users/${user.id}`, { method: "PATCH", body: { role: "school", rosters: [] } });
    await call(`/api/users/${user.id}`, { method: "PATCH", body: { disabled: true } });
    await call(`/api/users/${user.id}/reset`, { method: "POST" });
    for (let i = 0; i < 10; i++) await api(shared.server.url, "/api/login", { method: "POST", body: { username: USERS.viewer.username, password: `doan-sai-${i}` } });
    const log = (await call("/api/security-log")).body as { at: string; actor: string | null; target: string; action: string; detail: string }[];
    const mine = log.filter((e) => e.target === user.username);
    expect(mine.map((e) => e.action)).toEqual(["user.reset", "user.disable", "user.rosters", "user.role", "user.create"]);
    expect(mine.every((e) => e.actor === USERS.admin.username)).toBe(true);
    expect(mine.find((e) => e.action === "user.role")?.detail).toBe("hamlet → school");
    expect(Date.parse(mine[0]?.at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(log.find((e) => e.action === "login.lockout")).toMatchObject({ actor: null, target: USERS.viewer.username });
    const bLog = await api(shared.server.url, "/api/security-log", { token: (await freshUser(shared.server.running.store, shared.server.url, "admin", [], "26734")).token });
    expect(bLog.text).not.toContain(user.username);
    expect(JSON.stringify(log)).not.toMatch(/scrypt|doan-sai/);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(25);
  }
}

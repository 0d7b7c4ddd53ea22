// `pnpm roster migrate --to postgres://…`: an embedded deployment that stock clients edited
// (snapshots and updates, audit, review marks, sessions, a redeemed password code, the
// security log) moves into PostgreSQL, and two instances of the scaled mode started on it
// answer exactly as the embedded server did: every account logs in, a token issued before still
// works, every roster's records, report and audit are equal. Real bundle, real processes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../src/storage/sqlite-store";
import { type TestDatabase, createTestDatabase, queryTestDatabase } from "../src/storage/postgres-test-database";
import { aChildWithoutPid } from "./helpers/fixtures";
import { api, login } from "./helpers/http";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { COMMUNE_A, PASSWORD, ROSTERS, USERS, createAccounts, loginAll, type Sessions, type UserKey } from "./helpers/world";

const run = promisify(execFile);

let bundle: Bundle;
let target: TestDatabase;
let embedded: TempDir;
let scaled: TempDir;
let other: TempDir;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  bundle = await buildBundle("migrate");
  target = await createTestDatabase();
  embedded = tempDir("roster-migrate-embedded-");
  scaled = tempDir("roster-migrate-scaled-");
  other = tempDir("roster-migrate-other-");
}, 120_000);

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  embedded.remove();
  scaled.remove();
  other.remove();
  await target.drop();
});

async function cli(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bundle.cli, ...args], { env: { LOG_LEVEL: "silent", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { MARK_DEBOUNCE_MS: "50", COMPACT_EVERY: "10", ...env });
  processes.push(p);
  return p;
}

async function stop(p: ServerProcess): Promise<void> {
  p.child.kill("SIGTERM");
  expect((await p.exited).code).toBe(0);
}

/** What the API answers about every roster and account, as an admin of each commune sees it. */
async function everything(url: string, admins: { a: string; b: string }, rosterIds: { a: string[]; b: string[] }): Promise<unknown> {
  const read = async (token: string, path: string) => {
    const answer = await api(url, path, { token });
    return { status: answer.status, body: answer.body };
  };
  const out: Record<string, unknown> = {};
  for (const [commune, token] of [["a", admins.a], ["b", admins.b]] as const) {
    out[`${commune}:rosters`] = await read(token, "/api/rosters");
    out[`${commune}:users`] = await read(token, "/api/users");
    out[`${commune}:security-log`] = await read(token, "/api/security-log");
    for (const id of rosterIds[commune]) {
      for (const part of ["children", "report", "audit"]) out[`${id}:${part}`] = await read(token, `/api/rosters/${id}/${part}`);
    }
  }
  return out;
}

describe("migrate --to postgres://…", () => {
  it("moves an edited embedded deployment into PostgreSQL; two instances of the scaled mode answer the same", { timeout: 300_000 }, async () => {
    // The deployment: two communes, accounts of every role, an archived roster, and two
    // seeded village rosters (made by the real CLI).
    const store = SqliteStore.open(embedded.path);
    await createAccounts(store);
    await store.updateRoster(ROSTERS.b2.id, { archived: true });
    await store.close();
    const seeded = await cli(["seed", "--commune", COMMUNE_A.code, "--villages", "2", "--children", "30"], { DATA_DIR: embedded.path });
    expect(seeded.code, seeded.stderr).toBe(0);
    const seededIds = seeded.stdout.trim().split("\n").map((line) => line.split("\t")[0]!);
    expect(seededIds).toHaveLength(2);

    let server = await start({ DATA_DIR: embedded.path });
    const sessions = (await loginAll(server.url)) as Sessions;
    // A redeemed one-time code (the viewer's new password) and the security log it writes.
    const issued = await api(server.url, `/api/users/${sessions.viewer.id}/reset`, { method: "POST", token: sessions.admin.token });
    expect(issued.status).toBe(200);
    const viewerPassword = "mat-khau-moi-cua-nguoi-xem-2026";
    const redeemed = await api(server.url, "/api/password-codes/redeem", { method: "POST", body: { code: (issued.body as { code: string }).code, password: viewerPassword } });
    expect(redeemed.status, redeemed.text).toBe(200);
    const passwords: Record<UserKey, string> = Object.fromEntries(Object.keys(USERS).map((k) => [k, k === "viewer" ? viewerPassword : PASSWORD])) as Record<UserKey, string>;

    // Stock clients edit two rosters, past COMPACT_EVERY: both snapshots and updates are stored.
    for (const rosterId of [ROSTERS.a5.id, seededIds[0]!]) {
      const writer = connectClient(server.syncUrl, rosterId, sessions.school.token);
      const witness = connectClient(server.syncUrl, rosterId, sessions.admin.token);
      await Promise.all([whenSynced(writer, 15_000), whenSynced(witness, 15_000)]);
      const notes = Array.from({ length: 14 }, (_, i) => `trước khi chuyển #${i}`);
      for (const note of notes) writer.records().createChild(aChildWithoutPid({ fullName: `Trẻ Chuyển Đổi ${note}`, note }));
      await eventually(() => {
        const there = new Set(witness.records().listChildren().map((c) => c.note));
        for (const note of notes) expect(there.has(note)).toBe(true);
      }, 15_000);
      writer.destroy();
      witness.destroy();
    }
    const admins = { a: sessions.admin.token, b: (await login(server.url, USERS.bPolice.username, PASSWORD)).token };
    // b.police is no admin: commune B's reads go through the roster routes it may use.
    const rosterIds = { a: [ROSTERS.a5.id, ROSTERS.a7.id, ...seededIds], b: [ROSTERS.b2.id] };
    // Marks and audit settle (debounced) before the server stops; a clean stop stores the rest.
    await eventually(async () => {
      const audit = await api(server.url, `/api/rosters/${ROSTERS.a5.id}/audit`, { token: admins.a });
      expect((audit.body as unknown[]).length).toBeGreaterThan(0);
    }, 15_000);
    await stop(server);
    // Restarted: a few more edits, then killed (SIGKILL): whatever a clean stop would
    // compact, the store holds updates after the snapshots.
    server = await start({ DATA_DIR: embedded.path });
    const auditBefore = ((await api(server.url, `/api/rosters/${ROSTERS.a5.id}/audit`, { token: admins.a })).body as unknown[]).length;
    {
      const writer = connectClient(server.syncUrl, ROSTERS.a5.id, sessions.school.token);
      const witness = connectClient(server.syncUrl, ROSTERS.a5.id, sessions.admin.token);
      await Promise.all([whenSynced(writer, 15_000), whenSynced(witness, 15_000)]);
      const notes = ["sau lần khởi động lại #1", "sau lần khởi động lại #2", "sau lần khởi động lại #3"];
      for (const note of notes) writer.records().createChild(aChildWithoutPid({ fullName: `Trẻ Khởi Động Lại ${note}`, note }));
      await eventually(() => {
        const there = new Set(witness.records().listChildren().map((c) => c.note));
        for (const note of notes) expect(there.has(note)).toBe(true);
      }, 15_000);
      writer.destroy();
      witness.destroy();
    }
    await eventually(async () => {
      const audit = await api(server.url, `/api/rosters/${ROSTERS.a5.id}/audit`, { token: admins.a });
      expect((audit.body as unknown[]).length).toBeGreaterThan(auditBefore);
    }, 15_000);
    // The API's view of everything, from the embedded store.
    const before = await everything(server.url, admins, rosterIds);

    // Refused while the server runs: nothing is written to the target.
    const whileRunning = await cli(["migrate", "--to", target.url], { DATA_DIR: embedded.path });
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toContain("Máy chủ đang chạy trên DATA_DIR này");
    expect(whileRunning.stderr).toContain("stop the server before migrating");
    expect(await queryTestDatabase(target.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
    server.child.kill("SIGKILL");
    await server.exited;

    const migrated = await cli(["migrate", "--to", target.url], { DATA_DIR: embedded.path });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain("Đã chuyển sang PostgreSQL / Migrated to PostgreSQL");
    expect(migrated.stdout).toContain("token-signing secret copied");
    expect(migrated.stdout).toContain("2 xã / communes, 5 danh sách / rosters, 8 tài khoản / users");
    const [docCounts] = await queryTestDatabase<{ snapshots: string; updates: string }>(
      target.url,
      "SELECT (SELECT count(*) FROM doc_snapshots) AS snapshots, (SELECT count(*) FROM doc_updates) AS updates",
    );
    expect(Number(docCounts?.snapshots)).toBeGreaterThan(0);
    expect(Number(docCounts?.updates)).toBeGreaterThan(0);

    // Two instances of the scaled mode, each on another machine's folder: nothing is read
    // from the old DATA_DIR.
    const relay = { DATABASE_URL: target.url, REDIS_URL: "redis://127.0.0.1:6379", REDIS_PREFIX: `test-migrate-${process.pid}:` };
    server = await start({ DATA_DIR: scaled.path, ...relay });
    const second = await start({ DATA_DIR: other.path, ...relay });
    // A token issued before the migration still works, on either.
    for (const instance of [server, second]) {
      const me = await api(instance.url, "/api/me", { token: sessions.school.token });
      expect(me.status, me.text).toBe(200);
    }
    // Read before anyone logs in again (a login sets lastLoginAt).
    expect(await everything(server.url, admins, rosterIds)).toEqual(before);
    expect(await everything(second.url, admins, rosterIds)).toEqual(before);
    // Every account logs in with its password (the viewer with the one it chose by code).
    for (const [i, key] of (Object.keys(USERS) as UserKey[]).entries()) {
      const answer = await login((i % 2 ? second : server).url, USERS[key].username, passwords[key]);
      expect(answer.user.id).toBe(sessions[key].id);
    }

    // Editing carries on, across instances: the sequence numbers continue after the copied ones.
    const writer = connectClient(server.syncUrl, ROSTERS.a5.id, sessions.school.token);
    const witness = connectClient(second.syncUrl, ROSTERS.a5.id, sessions.hamlet.token);
    await Promise.all([whenSynced(writer, 15_000), whenSynced(witness, 15_000)]);
    writer.records().createChild(aChildWithoutPid({ fullName: "Trẻ Sau Khi Chuyển", note: "sau khi chuyển" }));
    await eventually(() => expect(witness.records().listChildren().some((c) => c.note === "sau khi chuyển")).toBe(true), 15_000);
    writer.destroy();
    witness.destroy();

    // Refused: a server runs on the target.
    const onLiveTarget = await cli(["migrate", "--to", target.url], { DATA_DIR: embedded.path });
    expect(onLiveTarget.code).toBe(1);
    expect(onLiveTarget.stderr).toContain("this PostgreSQL database");
    await stop(server);
    await stop(second);
    // Refused: the target already holds roster data (and is left as it was).
    const countBefore = await queryTestDatabase<{ n: string }>(target.url, "SELECT count(*) AS n FROM doc_updates");
    const nonEmpty = await cli(["migrate", "--to", target.url], { DATA_DIR: embedded.path });
    expect(nonEmpty.code).toBe(1);
    expect(nonEmpty.stderr).toContain("already holds roster data");
    expect(await queryTestDatabase<{ n: string }>(target.url, "SELECT count(*) AS n FROM doc_updates")).toEqual(countBefore);
  });

  it("refuses an unreachable target, a URL that is not PostgreSQL, and a DATA_DIR without a store", { timeout: 60_000 }, async () => {
    const empty = tempDir("roster-migrate-nothing-");
    const fresh = await createTestDatabase();
    try {
      const unreachable = await cli(["migrate", "--to", "postgres://postgres@127.0.0.1:1/roster"], { DATA_DIR: embedded.path });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain("Không kết nối được PostgreSQL / PostgreSQL at 127.0.0.1:1/roster is unreachable");
      const notPostgres = await cli(["migrate", "--to", "mysql://root@127.0.0.1/roster"], { DATA_DIR: embedded.path });
      expect(notPostgres.code).toBe(1);
      expect(notPostgres.stderr).toContain("--to must be a postgres://… URL");
      const nothing = await cli(["migrate", "--to", fresh.url], { DATA_DIR: empty.path });
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toContain("holds no roster.db");
    } finally {
      empty.remove();
      await fresh.drop();
    }
  });
});

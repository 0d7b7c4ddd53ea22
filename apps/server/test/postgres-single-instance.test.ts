// Without the relay between instances (no REDIS_URL), one server per PostgreSQL database: a
// second instance refuses to start (a session advisory lock, not the DATA_DIR lock: each
// instance has its own folder), the CLI's document writes refuse while a server runs, and a
// server killed with SIGKILL frees the database at once. Instances with REDIS_URL share the
// database among themselves (test/scaled-*.test.ts), never with a server without it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { type TestDatabase, createTestDatabase } from "../src/storage/postgres-test-database";
import { api, login } from "./helpers/http";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { COMMUNE_A, PASSWORD, USERS, createAccounts } from "./helpers/world";

const run = promisify(execFile);

let bundle: Bundle;
let database: TestDatabase;
const dirs: TempDir[] = [];
const processes: ServerProcess[] = [];

beforeAll(async () => {
  bundle = await buildBundle("postgres-single-instance");
  database = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  for (const dir of dirs) dir.remove();
  await database.drop();
});

/** A folder of its own, as another machine would have. */
function machine(): string {
  const dir = tempDir("roster-pg-instance-");
  dirs.push(dir);
  return dir.path;
}

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: machine(), DATABASE_URL: database.url, ...env });
  processes.push(p);
  return p;
}

/** Starts a server that is expected to refuse: resolves to what it said and its exit code. */
async function refusedStart(env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [bundle.main], { env: { PORT: "0", DATA_DIR: machine(), DATABASE_URL: database.url, ...env }, timeout: 20_000 });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stderr: failed.stderr ?? "" };
  }
}

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bundle.cli, ...args], { env: { DATA_DIR: machine(), DATABASE_URL: database.url, LOG_LEVEL: "silent" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("one server per PostgreSQL database (until the relay lands)", () => {
  it("refuses a second instance and the CLI's writes while one runs; SIGKILL frees the database at once", { timeout: 180_000 }, async () => {
    const store = await openStore(envFor({ DATA_DIR: machine(), DATABASE_URL: database.url }));
    await createAccounts(store);
    await store.close();
    // Without a server, the CLI writes documents to PostgreSQL.
    const seeded = await cli(["seed", "--commune", COMMUNE_A.code, "--villages", "1", "--children", "5"]);
    expect(seeded.code, seeded.stderr).toBe(0);

    const first = await start();
    const token = (await login(first.url, USERS.school.username, PASSWORD)).token;

    const second = await refusedStart();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("một máy chủ khác đang dùng");
    expect(second.stderr).toContain(`another server instance is using it (pid ${first.child.pid}`);

    const whileRunning = await cli(["seed", "--commune", COMMUNE_A.code, "--villages", "1", "--children", "5"]);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toContain("Máy chủ đang chạy trên cơ sở dữ liệu PostgreSQL này");
    // Reading is fine meanwhile.
    const listed = await cli(["rosters", "--commune", COMMUNE_A.code]);
    expect(listed.code, listed.stderr).toBe(0);

    first.child.kill("SIGKILL");
    await first.exited;
    const started = performance.now();
    const next = await start();
    const ms = performance.now() - started;
    // The token secret is in the database: the token the killed instance issued works here.
    expect((await api(next.url, "/api/me", { token })).status).toBe(200);
    expect(ms).toBeLessThan(10_000);
    next.child.kill("SIGTERM");
    expect((await next.exited).code).toBe(0);
  });

  it("shares the login throttle with the next instance: the counters are in the database", { timeout: 120_000 }, async () => {
    const first = await start({ LOGIN_ATTEMPTS: "3" });
    for (let i = 0; i < 3; i += 1) {
      expect((await api(first.url, "/api/login", { method: "POST", body: { username: USERS.police.username, password: "sai-mat-khau" } })).status).toBe(401);
    }
    first.child.kill("SIGKILL");
    await first.exited;
    const next = await start({ LOGIN_ATTEMPTS: "3" });
    // Even the right password is refused: the attempts counted by the killed instance count here.
    expect((await api(next.url, "/api/login", { method: "POST", body: { username: USERS.police.username, password: PASSWORD } })).status).toBe(429);
    expect((await api(next.url, "/api/login", { method: "POST", body: { username: USERS.social.username, password: PASSWORD } })).status).toBe(200);
    next.child.kill("SIGTERM");
    expect((await next.exited).code).toBe(0);
  });

  it("keeps instances with and without the relay apart: REDIS_URL without DATABASE_URL, or beside a single server, is refused", { timeout: 60_000 }, async () => {
    const alone = await refusedStart({ DATABASE_URL: "", REDIS_URL: "redis://127.0.0.1:6379/15" });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain("REDIS_URL needs DATABASE_URL");
    const single = await start();
    const relayed = await refusedStart({ REDIS_URL: "redis://127.0.0.1:6379/15", REDIS_PREFIX: `refused-${process.pid}:` });
    expect(relayed.code).toBe(1);
    expect(relayed.stderr).toContain("another server instance is using it");
    single.child.kill("SIGTERM");
    expect((await single.exited).code).toBe(0);
  });
});

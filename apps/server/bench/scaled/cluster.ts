import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { envFor } from "../../src/env";
import { openStore } from "../../src/storage/open-store";
import type { Store } from "../../src/storage/store";
import { createTestDatabase, TEST_SERVER, type TestDatabase } from "../../src/storage/postgres-test-database";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "../../test/helpers/server-process";
import { fetchMetrics } from "../fanout/run-target";

// Scaled-mode servers as they run in production: `node main.js` processes (the bundle the
// tests build with build.mjs) on a PostgreSQL database of the bench's own and a Redis
// prefix of the run's own, each instance with a DATA_DIR of its own.

export const BENCH_REDIS_URL = "redis://127.0.0.1:6379";

/** One server process of the scaled mode. */
export interface Instance {
  server: ServerProcess;
  httpUrl: string;
  wsUrl: string;
  metrics(): Promise<Record<string, number>>;
  /** CPU time (user + system, all threads) the process has used so far, in ms. */
  cpuMs(): number;
}

/** How many warn and error log lines each instance wrote, by event (and message): what went wrong, if anything. */
export function logSummary(instances: readonly Instance[]): Record<string, number>[] {
  return instances.map((instance) => {
    const counts: Record<string, number> = {};
    for (const entry of instance.server.logs) {
      if (entry.level !== "warn" && entry.level !== "error") continue;
      const message = typeof entry.message === "string" ? `: ${entry.message}` : "";
      // The error's first line too (its kind), not the document or roster it named.
      const error = typeof entry.error === "string" ? ` (${entry.error.split("\n")[0]?.replace(/"[^"]*"/g, '"…"').slice(0, 160)})` : "";
      const key = `${String(entry.level)} ${String(entry.event)}${message}${error}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  });
}

/** A database, a Redis prefix and the instances started on them; `close` removes everything. */
export interface BenchCluster {
  database: TestDatabase;
  prefix: string;
  instances: Instance[];
  start(env?: Record<string, string>): Promise<Instance>;
  close(): Promise<void>;
}

/** Builds the server bundle once for a benchmark (removed by `remove()`). */
export function buildServerBundle(name: string): Promise<Bundle> {
  return buildBundle(`bench-${name}`);
}

/**
 * Seeds a template database once with `seed` (a store on it, closed after): each run then
 * starts from a copy (`CREATE DATABASE … TEMPLATE`), which takes a second, not a reseed.
 */
export async function seedTemplate(seed: (store: Store) => Promise<void>): Promise<TestDatabase> {
  const database = await createTestDatabase();
  try {
    await withStore(database.url, seed);
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A PostgresStore on `databaseUrl` (through `openStore`, as the CLI opens it), closed after `work`. */
export async function withStore<T>(databaseUrl: string, work: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "roster-bench-store-"));
  const store = await openStore(envFor({ DATA_DIR: dir, DATABASE_URL: databaseUrl }));
  try {
    return await work(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh database (a copy of `template` if given) and a fresh Redis prefix for one run. */
export async function startBenchCluster(bundle: Bundle, name: string, env: Record<string, string>, template?: TestDatabase): Promise<BenchCluster> {
  const database = await createTestDatabase(TEST_SERVER, template);
  const prefix = `bench-${name}-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const dirs: string[] = [];
  const instances: Instance[] = [];
  return {
    database,
    prefix,
    instances,
    async start(extra = {}) {
      const dir = mkdtempSync(join(tmpdir(), `roster-bench-${name}-`));
      dirs.push(dir);
      // LOG_LEVEL info: spawnServer waits for the `server.listening` line.
      const server = await spawnServer(
        bundle.main,
        { DATA_DIR: dir, DATABASE_URL: database.url, REDIS_URL: BENCH_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: "info", ...env, ...extra },
        60_000,
      );
      const instance: Instance = {
        server,
        httpUrl: server.url,
        wsUrl: `ws://127.0.0.1:${server.port}`,
        metrics: () => fetchMetrics(server.url),
        cpuMs: () => processCpuMs(server.child.pid as number),
      };
      instances.push(instance);
      return instance;
    },
    async close() {
      await killAll(instances.map((i) => i.server));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

let clockTicks: number | undefined;

/**
 * User + system CPU of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks):
 * read from outside, so it needs nothing of the server and counts its worker threads too.
 */
export function processCpuMs(pid: number): number {
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces: split after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicks;
}

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StoreVersionError } from "./errors";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations";
import { PostgresStore, type PostgresStoreOptions } from "./postgres-store";
import { TEST_SERVER, type TestDatabase, createTestDatabase, queryTestDatabase } from "./postgres-test-database";
import { runStoreContract } from "./store-contract";
import { bytes } from "./store-contract-data";
import { loadDocUpdates } from "./stored-doc";

// Small pools: the machine's PostgreSQL is shared by several test runs.
const LIMITS = { maxConnections: 4 };

// Each contract test gets its own database, copied from one migrated here once (a copy
// is much cheaper than migrating again). Migrating an empty database is tested below.
let migrated: TestDatabase | undefined;
beforeAll(async () => {
  migrated = await createTestDatabase();
  await (await PostgresStore.open(migrated.url, LIMITS)).close();
});
afterAll(async () => {
  await migrated?.drop();
});

runStoreContract("PostgresStore", async () => {
  const database = await createTestDatabase(TEST_SERVER, migrated);
  const opened: PostgresStore[] = [];
  const open = async () => {
    const store = await PostgresStore.open(database.url, LIMITS);
    opened.push(store);
    return store;
  };
  try {
    return {
      store: await open(),
      reopen: open,
      cleanup: async () => {
        for (const store of opened) await store.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
});

/** Polls `check` until it answers true (at most ~5 s). */
async function eventuallyTrue(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("never became true");
}

describe("PostgresStore on a PostgreSQL server", () => {
  let database: TestDatabase;
  let stores: PostgresStore[];
  const open = async (options: PostgresStoreOptions = LIMITS) => {
    const store = await PostgresStore.open(database.url, options);
    stores.push(store);
    return store;
  };
  const sql = <R extends Record<string, unknown>>(text: string, params: unknown[] = []) => queryTestDatabase<R>(database.url, text, params);

  beforeEach(async () => {
    database = await createTestDatabase();
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await database.drop();
  });

  it("bounds every connection: statement and idle-in-transaction timeouts, pool size", async () => {
    const store = await open({ maxConnections: 3, statementTimeoutMs: 1234 });
    expect(await store.settings()).toEqual({
      statementTimeout: "1234ms",
      idleInTransactionTimeout: "2468ms",
      applicationName: "roster-server",
      maxConnections: 3,
    });
  });

  it("migrates once when two instances start at once, and records the version", async () => {
    const [a, b] = await Promise.all([open(), open()]);
    // Each migration exactly once: no version twice, none missing.
    expect(await sql("SELECT version FROM schema_version ORDER BY version")).toEqual(POSTGRES_MIGRATIONS.map(({ version }) => ({ version })));
    await a.appendUpdate("records:thon-dong", bytes(1));
    expect(await loadDocUpdates(b, "records:thon-dong")).toEqual([bytes(1)]);
  });

  it("refuses a database written by a newer server, leaving it untouched", async () => {
    await (await open()).close();
    await sql("INSERT INTO schema_version (version) VALUES (999)");
    await expect(PostgresStore.open(database.url, LIMITS)).rejects.toBeInstanceOf(StoreVersionError);
    expect(await sql("SELECT MAX(version) AS v FROM schema_version")).toEqual([{ v: 999 }]);
  });

  it("says which server it could not reach, without the password", async () => {
    // The same code reaches the test server (every other test); nothing listens on port 1.
    const opening = PostgresStore.open("postgres://roster:hemmelig@127.0.0.1:1/roster", { connectTimeoutMs: 2000 });
    await expect(opening).rejects.toThrow(/PostgreSQL at 127\.0\.0\.1:1\/roster is unreachable/);
    await expect(opening).rejects.not.toThrow(/hemmelig/);
    // Reached, but no such database: named too, still without the password.
    const missing = PostgresStore.open(`${database.url.replace("postgres@", "postgres:hemmelig@")}_khong_co`, LIMITS);
    await expect(missing).rejects.toThrow(/Could not open PostgreSQL at 127\.0\.0\.1:5432\/roster_test_\w+_khong_co: .*does not exist/);
    await expect(missing).rejects.not.toThrow(/hemmelig/);
  });

  it("writes 1,000 concurrent appends to 7 documents in few statements, each document in order", async () => {
    const store = await open();
    const seqs = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.appendUpdate(`records:thon-${i % 7}`, bytes(i))));
    for (let d = 0; d < 7; d += 1) {
      const mine = seqs.filter((_, i) => i % 7 === d);
      expect(mine).toEqual(Array.from({ length: mine.length }, (_, i) => i + 1));
    }
    expect(store.commitStats()).toMatchObject({ items: 1000, failedBatches: 0 });
    expect(store.commitStats().batches).toBeLessThanOrEqual(21);
  });

  it("an append waiting on one document's lock does not hold up the other documents", async () => {
    const store = await open();
    await store.appendUpdate("records:thon-dong", bytes(0));
    // Another instance holds the document's row lock in an open transaction.
    const { default: pg } = await import("pg");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT * FROM docs WHERE name = 'records:thon-dong' FOR UPDATE");
      let blockedDone = false;
      const blocked = store.appendUpdate("records:thon-dong", bytes(1)).then((seq) => ((blockedDone = true), seq));
      expect(await store.appendUpdate("records:thon-tay", bytes(2))).toBe(1);
      expect(await store.appendUpdate("review:thon-dong", bytes(3))).toBe(1);
      expect(blockedDone).toBe(false);
      await other.query("COMMIT");
      expect(await blocked).toBe(2);
    } finally {
      await other.end();
    }
  });

  it("a statement that times out fails its appends, consumes no sequence number, and the next append goes on", async () => {
    const store = await open({ ...LIMITS, statementTimeoutMs: 300 });
    expect(await store.appendUpdate("records:thon-dong", bytes(0))).toBe(1);
    const { default: pg } = await import("pg");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT * FROM docs WHERE name = 'records:thon-dong' FOR UPDATE");
      const outcomes = await Promise.allSettled([1, 2].map((i) => store.appendUpdate("records:thon-dong", bytes(i))));
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
      await other.query("ROLLBACK");
    } finally {
      await other.end();
    }
    expect(await store.appendUpdate("records:thon-dong", bytes(3))).toBe(2);
    expect(await loadDocUpdates(store, "records:thon-dong")).toEqual([bytes(0), bytes(3)]);
    expect(store.commitStats().failedBatches).toBe(1);
  });

  it("carries on after its connections are cut (PostgreSQL restarted, a proxy dropped them)", async () => {
    const store = await open();
    await Promise.all([1, 2, 3].map((i) => store.appendUpdate(`records:thon-${i}`, bytes(i))));
    const cut = await sql<{ cut: boolean }>(
      "SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'roster-server'",
    );
    expect(cut.length).toBeGreaterThan(0);
    await eventuallyTrue(() => store.healthy());
    expect(await store.appendUpdate("records:thon-1", bytes(4))).toBe(2);
    expect(await loadDocUpdates(store, "records:thon-1")).toEqual([bytes(1), bytes(4)]);
  });

  it("refuses text PostgreSQL cannot hold (U+0000) in a call of its own, sparing the others", async () => {
    const store = await open();
    const entry = { at: "2026-06-08T08:00:00.000Z", user: "hung.tran", childId: "c\u0000", field: "note", from: null, to: "x" };
    const [bad, good] = await Promise.allSettled([
      store.appendUpdate("records:thon-dong", bytes(1), { rosterId: "thon-dong", entries: [entry] }),
      store.appendUpdate("records:thon-dong", bytes(2)),
    ]);
    expect(bad).toMatchObject({ status: "rejected", reason: expect.any(TypeError) });
    expect(good).toEqual({ status: "fulfilled", value: 1 });
    await expect(store.appendUpdate("records:\u0000", bytes(3))).rejects.toBeInstanceOf(TypeError);
    expect(await store.listAudit("thon-dong")).toEqual([]);
  });

  it("is unhealthy, not hanging, when the server does not answer in time", async () => {
    const store = await open({ maxConnections: 1, healthTimeoutMs: 200 });
    expect(await store.healthy()).toBe(true);
    const { default: pg } = await import("pg");
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      // The pool's only connection waits on a lock: SELECT 1 cannot be answered.
      await other.query("BEGIN");
      await other.query("LOCK TABLE kv IN ACCESS EXCLUSIVE MODE");
      const waiting = store.getValue("k");
      const started = Date.now();
      expect(await store.healthy()).toBe(false);
      expect(Date.now() - started).toBeLessThan(1000);
      await other.query("COMMIT");
      expect(await waiting).toBeUndefined();
    } finally {
      await other.end();
    }
    expect(await store.healthy()).toBe(true);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "./open-store";
import { PostgresStore } from "./postgres-store";
import { type TestDatabase, createTestDatabase, queryTestDatabase } from "./postgres-test-database";
import { SqliteStore } from "./sqlite-store";
import { bytes } from "./store-contract-data";

describe("openStore", () => {
  let dir: string;
  let database: TestDatabase;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-open-store-"));
    database = await createTestDatabase();
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it("opens embedded SQLite in DATA_DIR without DATABASE_URL", async () => {
    const store = await openStore({ DATA_DIR: dir, DATABASE_URL: undefined });
    try {
      expect(store).toBeInstanceOf(SqliteStore);
      await store.appendUpdate("records:thon-dong", bytes(1));
    } finally {
      await store.close();
    }
    expect(fs.existsSync(path.join(dir, "roster.db"))).toBe(true);
  });

  it("opens PostgreSQL with DATABASE_URL, and writes there, not in DATA_DIR", async () => {
    const store = await openStore({ DATA_DIR: dir, DATABASE_URL: database.url, DATABASE_POOL_SIZE: 3 });
    try {
      expect(store).toBeInstanceOf(PostgresStore);
      expect((await (store as PostgresStore).settings()).maxConnections).toBe(3);
      await store.appendUpdate("records:thon-dong", bytes(1));
    } finally {
      await store.close();
    }
    expect(await queryTestDatabase(database.url, "SELECT doc, seq FROM doc_updates")).toEqual([{ doc: "records:thon-dong", seq: "1" }]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("with REDIS_URL (several instances), ends a transaction idle longer than a lease's time to live", async () => {
    const alone = await openStore({ DATA_DIR: dir, DATABASE_URL: database.url, LEASE_TTL_MS: 3_000 });
    const scaled = await openStore({ DATA_DIR: dir, DATABASE_URL: database.url, REDIS_URL: "redis://127.0.0.1:6379", LEASE_TTL_MS: 3_000 });
    try {
      expect((await (alone as PostgresStore).settings()).idleInTransactionTimeout).toBe("30s");
      expect((await (scaled as PostgresStore).settings()).idleInTransactionTimeout).toBe("3s");
    } finally {
      await alone.close();
      await scaled.close();
    }
  });
});

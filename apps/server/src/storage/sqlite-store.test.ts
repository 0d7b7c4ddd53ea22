import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreVersionError } from "./errors";
import { SQLITE_FILE_NAME, SqliteStore, type SqliteStoreOptions } from "./sqlite-store";
import { runStoreContract } from "./store-contract";
import { bytes } from "./store-contract-data";
import { loadDocUpdates } from "./stored-doc";

/** A fresh temporary folder; the store lives in a sub-folder it must create itself. */
function tempData(): { dir: string; dataDir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-sqlite-"));
  return { dir, dataDir: path.join(dir, "data", "nested"), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

runStoreContract("SqliteStore", async () => {
  const { dataDir, remove } = tempData();
  const opened: SqliteStore[] = [];
  const open = () => {
    const store = SqliteStore.open(dataDir);
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    reopen: async () => open(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      remove();
    },
  };
});

describe("SqliteStore on disk", () => {
  let data: ReturnType<typeof tempData>;
  let stores: SqliteStore[];
  const open = (options?: SqliteStoreOptions) => {
    const store = SqliteStore.open(data.dataDir, options);
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    data = tempData();
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    data.remove();
  });

  it("stores an unfenced write and refuses a fenced one: an embedded store has no ownership leases", async () => {
    const store = open();
    expect(await store.appendUpdate("records:x", bytes(1))).toBe(1);
    await expect(store.appendUpdate("records:x", bytes(2), undefined, { lease: "roster:x", epoch: 1 })).rejects.toBeInstanceOf(TypeError);
    expect(await loadDocUpdates(store, "records:x")).toEqual([bytes(1)]);
  });

  it("creates <dir>/roster.db with WAL, synchronous=FULL, foreign keys and a busy timeout", () => {
    const store = open({ busyTimeoutMs: 1234 });
    expect(store.file).toBe(path.resolve(data.dataDir, SQLITE_FILE_NAME));
    expect(fs.existsSync(store.file)).toBe(true);
    expect(store.settings()).toEqual({ journalMode: "wal", synchronous: "FULL", foreignKeys: true, busyTimeoutMs: 1234 });
  });

  it("writes 1,000 concurrent appends in far fewer than 1,000 transactions", async () => {
    const store = open();
    const seqs = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.appendUpdate(`records:thon-${i % 7}`, bytes(i))));
    expect(new Set(seqs.map((s, i) => `${i % 7}:${s}`)).size).toBe(1000);
    const { batches, items, failedBatches } = store.commitStats();
    expect(items).toBe(1000);
    expect(failedBatches).toBe(0);
    expect(batches).toBeLessThanOrEqual(5);
  });

  it("shares one transaction between updates and audit entries of the same turn", async () => {
    const store = open();
    const entry = { at: "2026-06-08T08:00:00.000Z", user: "hung.tran", childId: "c1", field: "pid", from: null, to: "079217001234" };
    await Promise.all([store.appendUpdate("records:thon-dong", bytes(1)), store.appendAudit("thon-dong", [entry])]);
    expect(store.commitStats()).toMatchObject({ batches: 1, items: 2 });
  });

  it("commits one append per transaction when each waits for the previous (no hidden delay)", async () => {
    const store = open();
    for (let i = 0; i < 5; i += 1) await store.appendUpdate("records:thon-dong", bytes(i));
    expect(store.commitStats()).toMatchObject({ batches: 5, items: 5 });
  });

  it("rejects every append of a failed transaction, stores none of them, and recovers", async () => {
    const store = open({ busyTimeoutMs: 0 });
    const first = await store.appendUpdate("records:thon-dong", bytes(0));
    // Another process (say, the operator CLI) holds the write lock: the batch cannot commit.
    const other = new Database(store.file);
    other.exec("BEGIN IMMEDIATE");
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => store.appendUpdate("records:thon-dong", bytes(i))));
    other.exec("ROLLBACK");
    other.close();
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "SQLITE_BUSY" });
    expect(store.commitStats().failedBatches).toBe(1);

    const next = await store.appendUpdate("records:thon-dong", bytes(4));
    expect(next).toBe(first + 1); // the failed batch consumed no sequence number
    expect(await loadDocUpdates(store, "records:thon-dong")).toEqual([bytes(0), bytes(4)]);
  });

  it("refuses to open a database written by a newer server, leaving it untouched", async () => {
    const file = open().file;
    await stores[0]?.close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_version (version) VALUES (999)").run();
    raw.close();
    expect(() => open()).toThrow(StoreVersionError);
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT MAX(version) FROM schema_version").pluck().get()).toBe(999);
    check.close();
  });

  it("lets a second process read what the first committed (the WAL is shared)", async () => {
    const store = open();
    await store.appendUpdate("records:thon-dong", bytes(1));
    const reader = new Database(store.file, { readonly: true });
    const count = reader.prepare("SELECT COUNT(*) FROM doc_updates").pluck().get();
    reader.close();
    expect(count).toBe(1);
  });
});

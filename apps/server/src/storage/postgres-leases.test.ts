import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreFencedError } from "./errors";
import { holdsLease } from "./postgres-leases";
import { createPool, inTransaction } from "./postgres-pool";
import { PostgresStore } from "./postgres-store";
import { type TestDatabase, createTestDatabase, queryTestDatabase } from "./postgres-test-database";
import { loadDocUpdates } from "./stored-doc";
import { bytes } from "./store-contract-data";

const ROSTER = "roster:ban-hin-pen";
const DOC = "records:ban-hin-pen";
const audit = (field: string) => ({
  rosterId: "ban-hin-pen",
  entries: [{ at: "2026-12-05T02:00:00.000Z", user: "co.hanh", childId: "c-1", field, from: null, to: "x" }],
});

/** Two instances (two stores, two pools) competing for one roster's ownership. */
describe("PostgreSQL ownership leases and fenced writes", () => {
  let database: TestDatabase;
  let a: PostgresStore;
  let b: PostgresStore;

  beforeEach(async () => {
    database = await createTestDatabase();
    a = await PostgresStore.open(database.url, { maxConnections: 4 });
    b = await PostgresStore.open(database.url, { maxConnections: 4 });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  /** Makes the lease look expired, as if its holder stopped renewing long ago. */
  const expire = () => queryTestDatabase(database.url, "UPDATE roster_leases SET expires_at = now() - interval '1 second' WHERE name = $1", [ROSTER]);

  it("one holder at a time; a takeover after expiry raises the epoch; the old holder cannot renew", async () => {
    const first = await a.leases.acquire(ROSTER, "instance-a", 10_000, "http://10.0.0.1:8787");
    expect(first).toEqual({ name: ROSTER, holder: "instance-a", epoch: 1 });
    expect(await b.leases.acquire(ROSTER, "instance-b", 10_000)).toBeUndefined();
    expect(await a.leases.renewAll([first as NonNullable<typeof first>], 10_000)).toEqual(new Set([ROSTER]));
    expect((await b.leases.holder(ROSTER))?.url).toBe("http://10.0.0.1:8787");

    await expire();
    const second = await b.leases.acquire(ROSTER, "instance-b", 10_000);
    expect(second?.epoch).toBe(2);
    expect(await a.leases.renewAll([first as NonNullable<typeof first>], 10_000)).toEqual(new Set());
    expect(await a.leases.acquire(ROSTER, "instance-a", 10_000)).toBeUndefined();
    // Released on a clean shutdown: the next one takes it at once.
    await b.leases.release(second as NonNullable<typeof second>);
    expect((await a.leases.acquire(ROSTER, "instance-a", 10_000))?.epoch).toBe(3);
  });

  it("renews many leases in one statement, answering only those still held; looks many holders up at once", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `roster:thon-${i}`);
    const held = await Promise.all(names.map((name) => a.leases.acquire(name, "instance-a", 10_000, "http://10.0.0.1:8787")));
    const leases = held.map((lease) => lease as NonNullable<typeof lease>);
    expect(await a.leases.renewAll(leases, 10_000)).toEqual(new Set(names));
    // Another instance took one over after it expired: that one is no longer renewed.
    await queryTestDatabase(database.url, "UPDATE roster_leases SET expires_at = now() - interval '1 second' WHERE name = $1", [names[7]]);
    expect((await b.leases.acquire(names[7]!, "instance-b", 10_000))?.epoch).toBe(2);
    const kept = await a.leases.renewAll(leases, 10_000);
    expect(kept.size).toBe(29);
    expect(kept.has(names[7]!)).toBe(false);
    const holders = await b.leases.holders([...names, "roster:never-taken"]);
    expect(holders.size).toBe(30);
    expect(holders.get(names[7]!)).toMatchObject({ holder: "instance-b", epoch: 2, expired: false });
    expect(holders.get(names[0]!)).toMatchObject({ holder: "instance-a", epoch: 1, url: "http://10.0.0.1:8787", expired: false });
    expect(holders.has("roster:never-taken")).toBe(false);
    expect(await a.leases.renewAll([], 10_000)).toEqual(new Set());
  });

  it("the holder's fenced writes are stored; a stale holder's are refused and leave nothing behind", async () => {
    const old = await a.leases.acquire(ROSTER, "instance-a", 10_000);
    if (!old) throw new Error("no lease");
    const oldFence = { lease: ROSTER, epoch: old.epoch };
    expect(await a.appendUpdate(DOC, bytes(1), audit("fullName"), oldFence)).toBe(1);

    await expire();
    const taken = await b.leases.acquire(ROSTER, "instance-b", 10_000);
    if (!taken) throw new Error("no takeover");
    // The paused owner wakes up and writes: refused, no number used, no audit row.
    await expect(a.appendUpdate(DOC, bytes(2), audit("dob"), oldFence)).rejects.toBeInstanceOf(StoreFencedError);
    await expect(a.compactDoc(DOC, { update: bytes(100), stateVector: bytes(101), witnessed: true }, 1, oldFence)).rejects.toBeInstanceOf(StoreFencedError);
    expect(await b.appendUpdate(DOC, bytes(3), audit("gender"), { lease: ROSTER, epoch: taken.epoch })).toBe(2);

    expect(await loadDocUpdates(b, DOC)).toEqual([bytes(1), bytes(3)]);
    expect((await b.listAudit("ban-hin-pen")).map((e) => e.field)).toEqual(["fullName", "gender"]);
  });

  it("a takeover waits for a write in flight under the old epoch, which the new owner then sees", async () => {
    const old = await a.leases.acquire(ROSTER, "instance-a", 10_000);
    if (!old) throw new Error("no lease");
    await expire();
    // Submitted together: either the append commits first (and is kept) or it sees the new epoch.
    const [appended, taken] = await Promise.allSettled([
      a.appendUpdate(DOC, bytes(7), undefined, { lease: ROSTER, epoch: old.epoch }),
      b.leases.acquire(ROSTER, "instance-b", 10_000),
    ]);
    expect(taken.status === "fulfilled" && taken.value?.epoch).toBe(2);
    const stored = await loadDocUpdates(b, DOC);
    if (appended.status === "fulfilled") expect(stored).toEqual([bytes(7)]);
    else {
      expect(appended.reason).toBeInstanceOf(StoreFencedError);
      expect(stored).toEqual([]);
    }
  });

  it("a holder paused inside a fenced write holds a takeover up no longer than its idle-in-transaction limit", async () => {
    const old = await a.leases.acquire(ROSTER, "instance-a", 10_000);
    if (!old) throw new Error("no lease");
    // The paused owner: its fenced transaction took the lease row's share lock, then nothing
    // more comes (SIGSTOP between two statements). Its pool ends idle transactions after 1 s.
    const pausedPool = createPool(database.url, { idleInTransactionMs: 1_000 });
    try {
      let entered!: () => void;
      const locked = new Promise<void>((resolve) => (entered = resolve));
      const paused = inTransaction(pausedPool, async (client) => {
        expect(await holdsLease(client, { name: ROSTER, epoch: old.epoch })).toBe(true);
        entered();
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        await client.query("SELECT 1");
      });
      void paused.catch(() => undefined);
      await locked;
      await expire();
      const started = performance.now();
      const taken = await b.leases.acquire(ROSTER, "instance-b", 10_000);
      const waitedMs = performance.now() - started;
      expect(taken?.epoch).toBe(2);
      // Ended by PostgreSQL after about 1 s, not at the default 30 s (nor when the pause ends).
      expect(waitedMs).toBeLessThan(3_500);
      await expect(paused).rejects.toThrow();
    } finally {
      await pausedPool.end();
    }
  });
});

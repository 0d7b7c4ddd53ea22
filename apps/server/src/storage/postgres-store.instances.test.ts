import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { StoreConflictError } from "./errors";
import { PostgresStore } from "./postgres-store";
import { type TestDatabase, createTestDatabase } from "./postgres-test-database";
import { bytes } from "./store-contract-data";

/**
 * Two `PostgresStore`s on one database, each with its own pool: two server processes.
 * What one instance's queue orders within itself, PostgreSQL must order between them.
 */
describe("PostgresStore: two instances on one database", () => {
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

  it("appending to one document at once get distinct, gap-free numbers in each one's submission order", async () => {
    const DOC = "records:thon-dong";
    const sent: { seq: number; data: Uint8Array }[] = [];
    for (let round = 0; round < 5; round += 1) {
      // Each instance submits 40 at once; both instances at the same time.
      const submit = (store: PostgresStore, from: number) =>
        Promise.all(
          Array.from({ length: 40 }, async (_, i) => {
            const data = bytes(from + round * 1000 + i);
            const seq = await store.appendUpdate(DOC, data);
            sent.push({ seq, data });
            return seq;
          }),
        );
      const [fromA, fromB] = await Promise.all([submit(a, 0), submit(b, 100_000)]);
      for (const seqs of [fromA, fromB]) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    const numbers = sent.map((s) => s.seq).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    const stored = await b.loadStored(DOC);
    expect(stored.lastSeq).toBe(400);
    expect(stored.updates).toEqual([...sent].sort((x, y) => x.seq - y.seq).map(({ seq, data }) => ({ seq, update: data })));
  });

  it("a reader on another instance never sees a number before an earlier one is committed", async () => {
    const DOC = "records:thon-dong";
    const reader = await PostgresStore.open(database.url, { maxConnections: 2 });
    let writing = true;
    // Both instances write at once, each many in flight: commits interleave.
    const writers = Promise.all(
      [a, b].map(async (store, w) => {
        for (let round = 0; round < 40; round += 1) {
          await Promise.all(Array.from({ length: 8 }, (_, i) => store.appendUpdate(DOC, bytes(w * 10_000 + round * 10 + i))));
        }
      }),
    ).finally(() => (writing = false));
    let reads = 0;
    try {
      while (writing) {
        const stored = await reader.loadStored(DOC);
        const seqs = stored.updates.map((u) => u.seq);
        // Everything from 1 to the counter, nothing missing: what is visible is a prefix.
        expect(seqs).toEqual(Array.from({ length: stored.lastSeq }, (_, i) => i + 1));
        const after = await reader.updatesAfter(DOC, Math.floor(stored.lastSeq / 2));
        const tail = after?.map((u) => u.seq) ?? [];
        expect(tail).toEqual(Array.from({ length: tail.length }, (_, i) => Math.floor(stored.lastSeq / 2) + 1 + i));
        reads += 1;
      }
      await writers;
    } finally {
      await reader.close();
    }
    expect(reads).toBeGreaterThan(3);
    expect((await a.docStats(DOC)).lastSeq).toBe(640);
  });

  it("a compaction on one instance racing appends on the other drops nothing", async () => {
    const DOC = "records:thon-dong";
    const TOTAL = 300;
    const appended: number[] = [];
    let writing = true;
    const writer = (async () => {
      // Groups of 10 at once, as many clients' updates arrive together.
      for (let i = 0; i < TOTAL; i += 10) {
        const group = Array.from({ length: 10 }, (_, j) => a.appendUpdate(DOC, keyUpdate(i + j)));
        appended.push(...(await Promise.all(group)));
      }
      writing = false;
    })();
    let compactions = 0;
    const compactor = (async () => {
      while (writing || compactions === 0) {
        // What the owner does: load, merge what it loaded, compact through what it merged.
        const stored = await b.loadStored(DOC);
        const through = stored.updates.at(-1)?.seq;
        if (through === undefined) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        const merged = Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot.update] : []), ...stored.updates.map((u) => u.update)]);
        await b.compactDoc(DOC, { update: merged, stateVector: Y.encodeStateVectorFromUpdate(merged), witnessed: false }, through);
        compactions += 1;
      }
    })();
    await Promise.all([writer, compactor]);

    expect(compactions).toBeGreaterThan(2);
    expect([...appended].sort((x, y) => x - y)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    const stored = await a.loadStored(DOC);
    const covered = stored.snapshot?.seq ?? 0;
    // Every number given is in the snapshot's range or kept after it.
    const kept = new Set(stored.updates.map((u) => u.seq));
    for (const seq of appended) expect(seq <= covered || kept.has(seq)).toBe(true);
    // And the content agrees: every update's key is in the loaded document.
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.update);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
    const keys = [...doc.getMap("m").keys()].sort();
    expect(keys).toEqual(Array.from({ length: TOTAL }, (_, i) => `k${String(i).padStart(3, "0")}`));
  });

  it("refuses a username taken on the other instance at the same moment, regardless of case", async () => {
    await a.addCommune({ code: "25252", name: "Xã Tân Phú" });
    const user = (id: string, username: string) => ({
      id,
      username,
      displayName: "Nguyễn Thị Lan",
      role: "police" as const,
      commune: "25252",
      passwordHash: "scrypt$x",
      createdAt: "2026-06-01T07:30:00.000Z",
      disabled: false,
    });
    const outcomes = await Promise.allSettled([a.addUser(user("u-1", "lan.nguyen")), b.addUser(user("u-2", "Lan.Nguyen"))]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(StoreConflictError);
    expect(refused?.reason).toMatchObject({ entity: "username" });
  });

  it("shares one secret and redeems a code once, whichever instance asks", async () => {
    const [s1, s2] = await Promise.all([a.setValueIfAbsent("auth.secret", "from-a"), b.setValueIfAbsent("auth.secret", "from-b")]);
    expect(s1).toBe(s2);
    await a.addCommune({ code: "25252", name: "Xã Tân Phú" });
    await a.addUser({ id: "u-lan", username: "lan", displayName: "Lan", role: "police", commune: "25252", passwordHash: "old", createdAt: "2026-06-01T07:00:00.000Z", disabled: false });
    await a.addPasswordCode({ codeHash: "h-1", userId: "u-lan", createdAt: "2026-06-01T07:00:00.000Z", expiresAt: "2026-06-04T07:00:00.000Z" });
    const now = "2026-06-01T08:00:00.000Z";
    const redeemed = await Promise.all([a.redeemPasswordCode("h-1", now, "from-a"), b.redeemPasswordCode("h-1", now, "from-b")]);
    expect(redeemed.filter((r) => r === "u-lan")).toHaveLength(1);
    const winner = redeemed[0] === "u-lan" ? "from-a" : "from-b";
    expect((await b.getUserById("u-lan"))?.passwordHash).toBe(winner);
  });
});

/** An update of a fresh client that sets one key: independent of every other, so any order merges. */
function keyUpdate(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("m").set(`k${String(i).padStart(3, "0")}`, i);
  return Y.encodeStateAsUpdate(doc);
}

import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PersistQueue, type PersistedBatch } from "./persist-queue";
import { MemoryDocStore, childField, clientUpdate, flush, setChildField } from "./test-doubles";

function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  return Array.from({ length: count }, (_, i) => clientUpdate((d) => setChildField(d, `c-${i}`, "grade", `${i + 1}`), doc).update);
}

function setup(store: MemoryDocStore) {
  const batches: PersistedBatch[] = [];
  const failures: unknown[] = [];
  const queue = new PersistQueue({
    name: "records:thon-ban-pho",
    store,
    onPersisted: (batch) => batches.push(batch),
    onFailure: (error) => failures.push(error),
  });
  return { queue, batches, failures };
}

describe("PersistQueue", () => {
  it("submits each update at once and relays in order, each once it and all before it are durable", async () => {
    const store = new MemoryDocStore();
    store.hold = true;
    const { queue, batches } = setup(store);
    const [u1, u2, u3] = edits(3) as [Uint8Array, Uint8Array, Uint8Array];
    queue.push({ update: u1, origin: "a" });
    queue.push({ update: u2, origin: "b" });
    queue.push({ update: u3, origin: "a" });
    expect(store.held.map((h) => h.update)).toEqual([u1, u2, u3]);
    expect(queue.pending).toBe(3);

    store.release();
    await flush();
    expect(batches.map((b) => b.entries.map((e) => e.origin))).toEqual([["a"]]);
    store.release();
    store.release();
    await flush();
    expect(batches.map((b) => b.entries.map((e) => e.origin))).toEqual([["a"], ["b", "a"]]);
    expect(batches.map((b) => b.seq)).toEqual([1, 3]);
    expect(queue.pending).toBe(0);
    expect(store.appended.map((a) => a.update)).toEqual([u1, u2, u3]);

    const restored = await store.restore("records:thon-ban-pho");
    expect([0, 1, 2].map((i) => childField(restored, `c-${i}`, "grade"))).toEqual(["1", "2", "3"]);
  });

  it("never relays an update before an earlier one is durable, even if the store answers out of order", async () => {
    const answers: ((seq: number) => void)[] = [];
    const store = { appendUpdate: () => new Promise<number>((resolve) => answers.push(resolve)) };
    const batches: PersistedBatch[] = [];
    const queue = new PersistQueue({ name: "records:thon-ban-pho", store, onPersisted: (b) => batches.push(b), onFailure: () => undefined });
    const [u1, u2] = edits(2) as [Uint8Array, Uint8Array];
    queue.push({ update: u1, origin: "a" });
    queue.push({ update: u2, origin: "b" });
    answers[1]?.(2);
    await flush();
    expect(batches).toHaveLength(0);
    answers[0]?.(1);
    await flush();
    expect(batches.map((b) => b.entries.map((e) => e.origin))).toEqual([["a", "b"]]);
  });

  it("drained() waits for everything pushed before the call", async () => {
    const store = new MemoryDocStore();
    store.hold = true;
    const { queue } = setup(store);
    const [u1, u2] = edits(2) as [Uint8Array, Uint8Array];
    queue.push({ update: u1, origin: "a" });
    let drained = false;
    void queue.drained().then(() => (drained = true));
    queue.push({ update: u2, origin: "a" });
    store.release();
    await flush();
    expect(drained).toBe(true);
    expect(queue.pending).toBe(1);
  });

  it("on failure rejects waiters, reports once and refuses later updates", async () => {
    const store = new MemoryDocStore();
    store.hold = true;
    const { queue, batches, failures } = setup(store);
    const [u1, u2] = edits(2) as [Uint8Array, Uint8Array];
    queue.push({ update: u1, origin: "a" });
    const waiting = queue.drained();
    store.reject(new Error("disk full"));
    await expect(waiting).rejects.toThrow("disk full");
    queue.push({ update: u2, origin: "a" });
    await expect(queue.drained()).rejects.toThrow("disk full");
    expect(failures).toHaveLength(1);
    expect(batches).toHaveLength(0);
    expect(store.held).toHaveLength(0);
    expect(queue.failed).toBe(true);
  });
});

import { expect, it } from "vitest";
import * as Y from "yjs";
import type { HarnessRef } from "./store-contract";
import { bytes, docContent, docFrom, randomEditing } from "./store-contract-data";
import type { NewSnapshot, Store } from "./store";
import { storedUpdates } from "./stored-doc";

/** The stored bytes in load order (snapshot first). */
async function loadDoc(store: Store, name: string): Promise<Uint8Array[]> {
  return storedUpdates(await store.loadStored(name));
}

/** A snapshot whose bytes the store keeps as they are (it never decodes them). */
function snap(n: number, witnessed = true): NewSnapshot {
  return { update: bytes(n), stateVector: bytes(n + 1000), witnessed };
}

const DOC = "records:thon-dong";

/** Appends one after another and returns the sequence numbers. */
async function appendAll(ref: HarnessRef, name: string, updates: readonly Uint8Array[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const update of updates) seqs.push(await ref().store.appendUpdate(name, update));
  return seqs;
}

function expectIncreasing(seqs: readonly number[]): void {
  for (let i = 1; i < seqs.length; i += 1) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
}

/** Documents: append, load, compaction, sequence numbers. */
export function docContract(ref: HarnessRef): void {
  it("loads nothing and reports zero stats for an unknown document", async () => {
    const { store } = ref();
    expect(await loadDoc(store, "records:khong-co")).toEqual([]);
    expect(await store.docStats("records:khong-co")).toEqual({ updates: 0, bytes: 0, lastSeq: 0 });
  });

  it("loads updates in the order they were appended, with increasing sequence numbers", async () => {
    const { store } = ref();
    const updates = [bytes(3), bytes(1), bytes(2), bytes(1)];
    const seqs = await appendAll(ref, DOC, updates);
    expect(seqs[0]).toBeGreaterThan(0);
    expectIncreasing(seqs);
    expect(await loadDoc(store, DOC)).toEqual(updates);
    const size = updates.reduce((sum, u) => sum + u.byteLength, 0);
    expect(await store.docStats(DOC)).toEqual({ updates: 4, bytes: size, lastSeq: seqs.at(-1) });
  });

  it("keeps its own copy of an update: changing the caller's buffer later changes nothing", async () => {
    const { store } = ref();
    const update = bytes(7);
    const appended = store.appendUpdate(DOC, update);
    update.fill(0);
    await appended;
    expect(await loadDoc(store, DOC)).toEqual([bytes(7)]);
  });

  it("refuses an empty update and stores nothing", async () => {
    const { store } = ref();
    await expect(store.appendUpdate(DOC, new Uint8Array())).rejects.toBeInstanceOf(TypeError);
    expect(await loadDoc(store, DOC)).toEqual([]);
  });

  it("keeps documents apart: records and review of one roster, and other rosters", async () => {
    const { store } = ref();
    const names = ["records:thon-dong", "review:thon-dong", "records:thon-tay"];
    for (let i = 0; i < 12; i += 1) await store.appendUpdate(names[i % 3] as string, bytes(i));
    const [first] = await appendAll(ref, "records:xom-moi", [bytes(99)]);
    await store.compactDoc("records:xom-moi", snap(100), first as number);
    expect(await loadDoc(store, "records:thon-dong")).toEqual([0, 3, 6, 9].map(bytes));
    expect(await loadDoc(store, "review:thon-dong")).toEqual([1, 4, 7, 10].map(bytes));
    expect(await loadDoc(store, "records:thon-tay")).toEqual([2, 5, 8, 11].map(bytes));
    expect(await loadDoc(store, "records:xom-moi")).toEqual([bytes(100)]);
    expect((await store.docStats("review:thon-dong")).updates).toBe(4);
  });

  it.each([1, 2, 3, 42])("restores a randomly edited Yjs document exactly (seed %i)", async (seed) => {
    const { store } = ref();
    const { updates, doc } = randomEditing(seed, 150);
    // Submitted without waiting, as the sync layer does for updates of many clients.
    await Promise.all(updates.map((u) => store.appendUpdate(DOC, u)));
    const loaded = docFrom(await loadDoc(store, DOC));
    expect(docContent(loaded)).toEqual(docContent(doc));
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
  });

  it("compaction replaces older updates by the snapshot and keeps the newer ones", async () => {
    const { store } = ref();
    const { updates, doc } = randomEditing(7, 120);
    expect(updates.length).toBeGreaterThan(90);
    const seqs = await appendAll(ref, DOC, updates);
    const merged = docFrom(updates.slice(0, 80));
    const snapshot = Y.encodeStateAsUpdate(merged);
    await store.compactDoc(DOC, { update: snapshot, stateVector: Y.encodeStateVector(merged), witnessed: false }, seqs[79] as number);

    expect(await loadDoc(store, DOC)).toEqual([snapshot, ...updates.slice(80)]);
    const loaded = docFrom(await loadDoc(store, DOC));
    expect(docContent(loaded)).toEqual(docContent(doc));
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
    const stats = await store.docStats(DOC);
    expect(stats).toEqual({
      updates: updates.length - 80,
      bytes: snapshot.byteLength + updates.slice(80).reduce((sum, u) => sum + u.byteLength, 0),
      lastSeq: seqs.at(-1),
    });
  });

  it("a later compaction replaces the earlier snapshot; a stale one changes nothing", async () => {
    const { store } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2, 3, 4, 5].map(bytes));
    await store.compactDoc(DOC, snap(100), seqs[1] as number);
    await store.compactDoc(DOC, snap(101), seqs[3] as number);
    expect(await loadDoc(store, DOC)).toEqual([bytes(101), bytes(4), bytes(5)]);
    // Two compactions racing: the slower one covers less than what is stored already.
    await store.compactDoc(DOC, snap(102), seqs[2] as number);
    await store.compactDoc(DOC, snap(103), seqs[3] as number);
    expect(await loadDoc(store, DOC)).toEqual([bytes(101), bytes(4), bytes(5)]);
  });

  it("two compactions submitted at once end with the one that covers more, whichever runs first", async () => {
    const { store } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2, 3, 4].map(bytes));
    await Promise.all([store.compactDoc(DOC, snap(103), seqs[3] as number), store.compactDoc(DOC, snap(101), seqs[1] as number)]);
    expect(await loadDoc(store, DOC)).toEqual([bytes(103), bytes(4)]);
    await Promise.all([store.compactDoc(DOC, snap(102), seqs[2] as number), store.compactDoc(DOC, snap(104), seqs[4] as number)]);
    expect(await loadDoc(store, DOC)).toEqual([bytes(104)]);
  });

  it("compacting everything leaves the snapshot alone", async () => {
    const { store } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2].map(bytes));
    await store.compactDoc(DOC, snap(100), seqs[2] as number);
    expect(await loadDoc(store, DOC)).toEqual([bytes(100)]);
    expect(await store.docStats(DOC)).toEqual({ updates: 0, bytes: bytes(100).byteLength, lastSeq: seqs[2] });
  });

  it("refuses to compact past the last update, with a RangeError, and changes nothing", async () => {
    const { store } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1].map(bytes));
    await expect(store.compactDoc(DOC, snap(100), (seqs[1] as number) + 1)).rejects.toBeInstanceOf(RangeError);
    await expect(store.compactDoc("records:khong-co", snap(100), 1)).rejects.toBeInstanceOf(RangeError);
    expect(await loadDoc(store, DOC)).toEqual([bytes(0), bytes(1)]);
  });

  it("never reuses a sequence number, across compaction and reopening", async () => {
    const { store, reopen } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2].map(bytes));
    await store.compactDoc(DOC, snap(100), seqs[2] as number);
    seqs.push(await store.appendUpdate(DOC, bytes(3)));
    await store.compactDoc(DOC, snap(101), seqs[3] as number);
    await store.close();
    const again = await reopen();
    expect((await again.docStats(DOC)).lastSeq).toBe(seqs[3]);
    seqs.push(await again.appendUpdate(DOC, bytes(4)));
    expectIncreasing(seqs);
    expect(await loadDoc(again, DOC)).toEqual([bytes(101), bytes(4)]);
  });

  it("keeps a snapshot's state vector and witness flag beside it, and numbers every update", async () => {
    const { store, reopen } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2, 3].map(bytes));
    await store.compactDoc(DOC, snap(100, true), seqs[1] as number);
    const expected = {
      snapshot: { seq: seqs[1], update: bytes(100), stateVector: bytes(1100), witnessed: true },
      updates: [
        { seq: seqs[2], update: bytes(2) },
        { seq: seqs[3], update: bytes(3) },
      ],
      lastSeq: seqs[3],
    };
    expect(await store.loadStored(DOC)).toEqual(expected);
    await store.close();
    expect(await (await reopen()).loadStored(DOC)).toEqual(expected);
  });

  it("a snapshot that is not witnessed says so", async () => {
    const { store } = ref();
    const [seq] = await appendAll(ref, DOC, [bytes(0)]);
    await store.compactDoc(DOC, snap(100, false), seq as number);
    expect((await store.loadStored(DOC)).snapshot?.witnessed).toBe(false);
    expect(await store.loadStored("records:khong-co")).toEqual({ snapshot: undefined, updates: [], lastSeq: 0 });
  });

  it("refuses a snapshot without a state vector and changes nothing", async () => {
    const { store } = ref();
    const [seq] = await appendAll(ref, DOC, [bytes(0)]);
    await expect(store.compactDoc(DOC, { update: bytes(100), stateVector: new Uint8Array(), witnessed: true }, seq as number)).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(await loadDoc(store, DOC)).toEqual([bytes(0)]);
  });

  it("reads the updates after a sequence number, and says when a snapshot swallowed some", async () => {
    const { store } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2, 3, 4].map(bytes));
    expect(await store.updatesAfter(DOC, seqs[2] as number)).toEqual([
      { seq: seqs[3], update: bytes(3) },
      { seq: seqs[4], update: bytes(4) },
    ]);
    expect(await store.updatesAfter(DOC, seqs[4] as number)).toEqual([]);
    await store.compactDoc(DOC, snap(100), seqs[2] as number);
    // Through the snapshot's own seq nothing was lost for this reader; before it, something was.
    expect(await store.updatesAfter(DOC, seqs[2] as number)).toEqual([
      { seq: seqs[3], update: bytes(3) },
      { seq: seqs[4], update: bytes(4) },
    ]);
    expect(await store.updatesAfter(DOC, seqs[1] as number)).toBeUndefined();
    expect(await store.updatesAfter("records:khong-co", 0)).toEqual([]);
  });

  it("appends racing a compaction are kept after the snapshot, none dropped", async () => {
    const { store } = ref();
    const seqs = await appendAll(ref, DOC, [0, 1, 2].map(bytes));
    // The compaction covers what the caller merged; appends submitted meanwhile get later numbers.
    const racing = [3, 4, 5, 6].map((i) => store.appendUpdate(DOC, bytes(i)));
    const compacted = store.compactDoc(DOC, snap(100), seqs[2] as number);
    const more = await Promise.all(racing);
    await compacted;
    expectIncreasing([seqs[2] as number, ...more]);
    expect(await loadDoc(store, DOC)).toEqual([bytes(100), ...[3, 4, 5, 6].map(bytes)]);
  });
}

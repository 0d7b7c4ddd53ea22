import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import { DocRoom, type DocRoomOptions } from "./doc-room";
import { WITNESS_ROOT } from "./deletion-witness";
import { encodeSyncStep1, encodeUpdate } from "./protocol";
import { SyncStats } from "./sync-stats";
import { FakeSocket, MemoryDocStore, childField, clientUpdate, flush, setChildField } from "./test-doubles";
import { inProcessOffload, type YjsOffload } from "./yjs-offload";

const DOC = "records:ban-pa-khoang";

async function openRoom(store: MemoryDocStore, options: Partial<DocRoomOptions> = {}) {
  const stats = new SyncStats();
  // Never built by the timer: each test builds when it means to.
  const room = await DocRoom.load({ name: DOC, store, compactEvery: 1000, stats, buildDelayMs: 60_000, ...options });
  return { room, stats };
}

function join(room: DocRoom, readOnly = false) {
  const socket = new FakeSocket();
  const connection = room.connect(socket, {
    readOnly,
    context: { username: "truongthon" },
    maxMessageBytes: 1 << 24,
    rateLimit: { messagesPerSecond: 1000, burst: 1000 },
  });
  return { socket, connection };
}

/** A store holding a snapshot of `children` children and `edits` later stored updates. */
async function storedRoster(children: number, edits: number) {
  const store = new MemoryDocStore();
  const writer = new Y.Doc();
  writer.transact(() => {
    for (let i = 0; i < children; i += 1) setChildField(writer, `c-${i}`, "fullName", `Lò Văn ${i}`);
  });
  await store.appendUpdate(DOC, Y.encodeStateAsUpdate(writer));
  await store.compactDoc(DOC, { update: Y.encodeStateAsUpdate(writer), stateVector: Y.encodeStateVector(writer), witnessed: true }, 1);
  const tail: Uint8Array[] = [];
  for (let i = 0; i < edits; i += 1) {
    const { update } = clientUpdate((d) => setChildField(d, `c-${i}`, "note", `ghi chú ${i}`), writer);
    tail.push(update);
    await store.appendUpdate(DOC, update);
  }
  return { store, writer, tail };
}

describe("DocRoom first sync from the stored bytes", () => {
  it("answers a new client with the stored snapshot and updates as they are, without building the document", async () => {
    const { store, writer, tail } = await storedRoster(50, 3);
    const { room, stats } = await openRoom(store);
    const fresh = join(room, true);
    fresh.connection.onMessage(encodeSyncStep1(new Y.Doc()));
    await flush();

    const stored = await store.loadStored(DOC);
    expect(fresh.socket.updates()).toEqual([stored.snapshot?.update, ...tail]);
    // Sync step 2 last, so the stock client reports "synced" only once it has everything.
    expect(fresh.socket.messages().map((m) => m.kind)).toEqual(["update", "update", "update", "sync-step-2"]);
    expect(room.isBuilt).toBe(false);
    expect(stats).toMatchObject({ docsBuilt: 0, syncFromStored: 1, syncBeforeBuild: 1 });
    expect(Y.encodeStateVector(fresh.socket.replica())).toEqual(Y.encodeStateVector(writer));
    await room.close();
  });

  it("holds a client's edits until the document is built, then applies, stores and relays them", async () => {
    const { store, writer } = await storedRoster(5, 0);
    const { room, stats } = await openRoom(store);
    const phone = join(room);
    const watcher = join(room, true);
    watcher.connection.onMessage(encodeSyncStep1(new Y.Doc()));
    const edit = clientUpdate((d) => setChildField(d, "c-1", "pid", "001216004321"), writer).update;
    phone.connection.onMessage(encodeUpdate(edit));
    expect(stats.updatesHeld).toBe(1);
    expect(store.appended).toHaveLength(1); // only the seed so far

    await room.built();
    await flush();
    expect(childField(room.doc, "c-1", "pid")).toBe("001216004321");
    expect(store.appended).toHaveLength(2);
    expect(childField(watcher.socket.replica(), "c-1", "pid")).toBe("001216004321");
    // Once built, the writable client is asked for whatever else it holds; the viewer is not.
    expect(phone.socket.messages().some((m) => m.kind === "sync-step-1")).toBe(true);
    expect(watcher.socket.messages().some((m) => m.kind === "sync-step-1")).toBe(false);
    await room.close();
  });

  it("gives a returning client that lacks one edit only that edit, nothing of the snapshot", async () => {
    const { store, writer, tail } = await storedRoster(400, 4);
    const phone = new Y.Doc();
    Y.applyUpdate(phone, (await store.loadStored(DOC)).snapshot?.update as Uint8Array);
    for (const update of tail.slice(0, 3)) Y.applyUpdate(phone, update);
    const { room, stats } = await openRoom(store);
    const back = join(room, true);
    back.connection.onMessage(encodeSyncStep1(phone));
    await flush();

    const sent = back.socket.updates().reduce((sum, u) => sum + u.byteLength, 0);
    expect(sent).toBeLessThan(200);
    expect(stats.syncPartsSkipped).toBe(4); // the snapshot and the three edits it had
    for (const update of back.socket.updates()) Y.applyUpdate(phone, update);
    expect(Y.encodeStateAsUpdate(phone)).toEqual(Y.encodeStateAsUpdate(writer));
    await room.close();
  });

  it("never leaves out a deletion the client's state vector cannot show: the server witnesses it", async () => {
    const { store, writer } = await storedRoster(3, 0);
    const { room } = await openRoom(store);
    await room.built();
    // An offline phone that has everything so far.
    const phone = new Y.Doc();
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(writer));
    // Meanwhile the server removes a key: a change with deletions and no new struct.
    room.write((doc) => doc.getMap<Y.Map<unknown>>("children").get("c-2")?.delete("fullName"));
    await room.whenPersisted();
    expect(room.doc.getMap<number>(WITNESS_ROOT).get("witness")).toBe(1);
    expect(await room.compact()).toBe(true);

    const back = join(room, true);
    back.connection.onMessage(encodeSyncStep1(phone));
    await flush();
    for (const update of back.socket.updates()) Y.applyUpdate(phone, update);
    expect(childField(phone, "c-2", "fullName")).toBeUndefined();
    await room.close();
  });

  it("sends updates stored while a client's answer is worked out after the answer, none lost", async () => {
    const { store, tail } = await storedRoster(20, 2);
    const releases: (() => void)[] = [];
    const slow: YjsOffload = {
      ...inProcessOffload(),
      diff: (update, stateVector) =>
        new Promise((resolve) => releases.push(() => resolve(Y.diffUpdate(update, stateVector)))),
    };
    const { room } = await openRoom(store, { offload: slow });
    await room.built();
    const phone = new Y.Doc();
    Y.applyUpdate(phone, (await store.loadStored(DOC)).snapshot?.update as Uint8Array);
    Y.applyUpdate(phone, tail[0] as Uint8Array);
    const back = join(room, true);
    back.connection.onMessage(encodeSyncStep1(phone));
    // Another client's edit is stored and relayed while the answer is pending.
    const writer = join(room);
    writer.connection.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-new", "school", "TH Pá Khoang")).update));
    await room.whenPersisted();
    await flush();
    expect(back.socket.frames).toHaveLength(0);

    for (const release of releases) release();
    await flush();
    const kinds = back.socket.messages().map((m) => m.kind);
    expect(kinds.indexOf("sync-step-2")).toBeLessThan(kinds.lastIndexOf("update"));
    for (const update of back.socket.updates()) Y.applyUpdate(phone, update);
    expect(childField(phone, "c-new", "school")).toBe("TH Pá Khoang");
    expect(childField(phone, "c-1", "note")).toBe("ghi chú 1");
    expect(phone.store.pendingStructs).toBeNull();
    await room.close();
  });

  it("compacts from the stored bytes while edits go on, dropping none", async () => {
    const { store, writer: phone } = await storedRoster(30, 10);
    const releases: (() => void)[] = [];
    const base = inProcessOffload();
    const held: YjsOffload = {
      ...base,
      // The first compaction waits for the test; the one closing the room does not.
      compact: (job) =>
        releases.length > 0 ? base.compact(job) : new Promise((resolve) => releases.push(() => resolve(base.compact(job)))),
    };
    const { room } = await openRoom(store, { offload: held });
    await room.built();
    const compacting = room.compact();
    await flush();
    const writer = join(room);
    writer.connection.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-3", "grade", "3"), phone).update));
    await room.whenPersisted();
    for (const release of releases) release();
    expect(await compacting).toBe(true);

    const restored = await store.restore(DOC);
    expect(childField(restored, "c-3", "grade")).toBe("3");
    expect(childField(restored, "c-9", "note")).toBe("ghi chú 9");
    expect((await store.loadStored(DOC)).updates).toHaveLength(1);
    expect(room.storedUpdateCount).toBe(1);
    expect(releases).toHaveLength(1);
    await room.close();
  });
});

describe("DocRoom answers larger than the send buffer limit", () => {
  /** A socket whose unsent bytes grow with every frame until the test drains it. */
  class SlowSocket extends FakeSocket {
    override send(data: Uint8Array): void {
      super.send(data);
      this.bufferedAmount += data.byteLength;
    }
  }

  it("sends a whole answer bigger than maxBufferedBytes, then still closes a client that stops reading", async () => {
    const { store } = await storedRoster(300, 2);
    const { room } = await openRoom(store);
    await room.built();
    const socket = new SlowSocket();
    const connection = room.connect(socket, {
      readOnly: true,
      context: { username: "chutich" },
      maxMessageBytes: 1 << 24,
      rateLimit: { messagesPerSecond: 1000, burst: 1000 },
      maxBufferedBytes: 1000,
    });
    connection.onMessage(encodeSyncStep1(new Y.Doc()));
    await flush();
    // The snapshot alone is far above the limit; the updates after it still go out.
    expect(socket.closed).toBeUndefined();
    expect(socket.messages().map((m) => m.kind)).toEqual(["update", "update", "sync-step-2"]);

    // Drained: the allowance is gone, and a client that then stops reading is closed.
    socket.bufferedAmount = 0;
    const writer = join(room);
    writer.connection.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-new", "note", "một")).update));
    await room.whenPersisted();
    await flush();
    expect(socket.closed).toBeUndefined();
    socket.bufferedAmount = 5000;
    writer.connection.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-new2", "note", "hai")).update));
    await room.whenPersisted();
    await flush();
    expect(socket.closed?.code).toBe(CloseCode.TryAgainLater);
    await room.close();
  });
});

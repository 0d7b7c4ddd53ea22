import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import { DocRoom, RoomClosedError, SERVER_ORIGIN, type DocRoomOptions } from "./doc-room";
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from "./protocol";
import { SyncStats } from "./sync-stats";
import { FakeSocket, MemoryDocStore, childField, clientUpdate, flush, setChildField } from "./test-doubles";

const DOC = "records:thon-na-hang";

async function openRoom(store = new MemoryDocStore(), options: Partial<DocRoomOptions> = {}) {
  const logs: { warn: string[]; error: string[] } = { warn: [], error: [] };
  const broken: unknown[] = [];
  const stats = new SyncStats();
  const room = await DocRoom.load({
    name: DOC,
    store,
    compactEvery: 100,
    stats,
    logger: { warn: (m) => logs.warn.push(m), error: (m) => logs.error.push(m) },
    onBroken: (_room, error) => broken.push(error),
    ...options,
  });
  // Built as a roster is once its first clients are answered: what most tests exercise.
  if (!("buildDelayMs" in options)) await room.built();
  return { room, store, logs, broken, stats };
}

function join(room: DocRoom, readOnly = false) {
  const socket = new FakeSocket();
  const connection = room.connect(socket, {
    readOnly,
    context: { username: "canbo.xa" },
    maxMessageBytes: 1 << 20,
    rateLimit: { messagesPerSecond: 1000, burst: 1000 },
  });
  return { socket, connection };
}

/** Successive edits of one offline phone, each its own transaction. */
function phoneEdits(...values: [string, string, string][]): Uint8Array[] {
  const phone = new Y.Doc();
  return values.map(([id, field, value]) => clientUpdate((d) => setChildField(d, id, field, value), phone).update);
}

describe("DocRoom durable relay", () => {
  it("appends updates in order and relays each only after its append resolved", async () => {
    const { room, store } = await openRoom();
    store.hold = true;
    const a = join(room);
    const b = join(room);
    const [u1, u2] = phoneEdits(["c-01", "fullName", "Hoàng Văn Sáng"], ["c-01", "dob", "2016-11-30"]) as [
      Uint8Array,
      Uint8Array,
    ];

    a.connection.onMessage(encodeUpdate(u1));
    a.connection.onMessage(encodeUpdate(u2));
    await flush();
    expect(b.socket.updates()).toHaveLength(0);
    expect(store.appended).toHaveLength(0);
    expect(store.held).toHaveLength(2); // both submitted at once, in order

    store.release();
    await flush();
    expect(childField(b.socket.replica(), "c-01", "fullName")).toBe("Hoàng Văn Sáng");
    expect(childField(b.socket.replica(), "c-01", "dob")).toBeUndefined();

    store.release();
    await flush();
    expect(childField(b.socket.replica(), "c-01", "dob")).toBe("2016-11-30");
    expect(a.socket.updates()).toHaveLength(0); // never echoed to its author
    const restored = await store.restore(DOC);
    expect(restored.getMap("children").toJSON()).toEqual(room.doc.getMap("children").toJSON());
  });

  it("answers a new connection from what is on disk; what is not yet there follows once it is", async () => {
    const { room, store } = await openRoom();
    store.hold = true;
    const a = join(room);
    const [u1] = phoneEdits(["c-02", "pid", "001216004321"]) as [Uint8Array];
    a.connection.onMessage(encodeUpdate(u1));

    const late = join(room);
    late.connection.onMessage(encodeSyncStep1(new Y.Doc()));
    await flush();
    expect(late.socket.messages().filter((m) => m.kind === "sync-step-2")).toHaveLength(1);
    expect(childField(late.socket.replica(), "c-02", "pid")).toBeUndefined();

    store.release();
    await flush();
    expect(childField(late.socket.replica(), "c-02", "pid")).toBe("001216004321");
  });

  it("never sends a client the part of an update still waiting for its dependencies", async () => {
    const { room, store } = await openRoom();
    const a = join(room);
    const [u1, u2] = phoneEdits(["c-08", "fullName", "Mùa A Sử"], ["c-08", "pid", "011215000321"]) as [
      Uint8Array,
      Uint8Array,
    ];
    a.connection.onMessage(encodeUpdate(u2)); // its first half has not arrived
    const late = join(room);
    late.connection.onMessage(encodeSyncStep1(new Y.Doc()));
    await flush();
    expect(store.appended).toHaveLength(0);
    expect(late.socket.replica().store.pendingStructs).toBeNull();

    a.connection.onMessage(encodeUpdate(u1));
    await flush();
    expect(childField(late.socket.replica(), "c-08", "pid")).toBe("011215000321");
    expect(childField(await store.restore(DOC), "c-08", "pid")).toBe("011215000321");
  });

  it("persists server-side writes before relaying them to every connection", async () => {
    const { room, store } = await openRoom();
    store.hold = true;
    const a = join(room);
    const b = join(room);
    const origins: unknown[] = [];
    room.doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    room.write((doc) => doc.getMap("marks").set("c-01", { status: "needs-fix", codes: ["pid.missing"] }));
    await flush();
    expect(a.socket.updates()).toHaveLength(0);
    store.release();
    await flush();
    for (const peer of [a, b]) expect(peer.socket.replica().getMap("marks").get("c-01")).toMatchObject({ status: "needs-fix" });
    expect(origins).toEqual([SERVER_ORIGIN]);
  });

  it("attributes each change to the connection that sent it", async () => {
    const { room } = await openRoom();
    const a = join(room);
    const seen: unknown[] = [];
    room.doc.on("update", (_u: Uint8Array, origin: unknown) => seen.push(origin));
    const [u1] = phoneEdits(["c-03", "ethnicity", "01"]) as [Uint8Array];
    a.connection.onMessage(encodeUpdate(u1));
    expect(seen).toEqual([a.connection]);
    expect(a.connection.context).toEqual({ username: "canbo.xa" });
  });

  it("persists nothing for an update the doc already has", async () => {
    const { room, store } = await openRoom();
    const a = join(room);
    const b = join(room);
    const [u1] = phoneEdits(["c-04", "bhyt", "HS4010123456789"]) as [Uint8Array];
    a.connection.onMessage(encodeUpdate(u1));
    b.connection.onMessage(encodeUpdate(u1));
    await flush();
    expect(store.appended).toHaveLength(1);
  });
});

describe("DocRoom storage failure", () => {
  it("closes every connection with 1011, sends nothing undurable and breaks the room", async () => {
    const { room, store, logs, broken, stats } = await openRoom();
    store.hold = true;
    const a = join(room);
    const b = join(room);
    const [u1] = phoneEdits(["c-05", "fullName", "Giàng Thị Sua"]) as [Uint8Array];
    a.connection.onMessage(encodeUpdate(u1));
    b.connection.onMessage(encodeSyncStep1(new Y.Doc()));

    store.reject(new Error("SQLITE_IOERR"));
    await flush();
    expect(a.socket.closed?.code).toBe(CloseCode.InternalError);
    expect(b.socket.closed?.code).toBe(CloseCode.InternalError);
    expect(b.socket.updates()).toHaveLength(0);
    expect(room.isBroken).toBe(true);
    expect(broken).toHaveLength(1);
    expect(logs.error).toHaveLength(1);
    expect(stats.persistFailures).toBe(1);
    expect(() => join(room)).toThrow(RoomClosedError);
    expect(() => room.write(() => undefined)).toThrow(RoomClosedError);
  });
});

describe("DocRoom awareness", () => {
  it("relays awareness to everyone (the author included) and removes a closed connection's states", async () => {
    const { room, store } = await openRoom();
    const a = join(room);
    const b = join(room);
    const phone = new Y.Doc();
    const phoneAwareness = new Awareness(phone);
    phoneAwareness.setLocalState({ user: { name: "Lường Văn Tâm", role: "hamlet" } });
    a.connection.onMessage(encodeAwareness(encodeAwarenessUpdate(phoneAwareness, [phone.clientID])));

    const seenByB = new Awareness(new Y.Doc());
    const applyAll = (socket: FakeSocket) => {
      for (const m of socket.messages()) if (m.kind === "awareness") applyAwarenessUpdate(seenByB, m.update, "server");
    };
    applyAll(b.socket);
    expect(seenByB.getStates().get(phone.clientID)).toEqual({ user: { name: "Lường Văn Tâm", role: "hamlet" } });
    expect(a.socket.messages().some((m) => m.kind === "awareness")).toBe(true);

    const framesBefore = b.socket.frames.length;
    a.connection.onClose();
    b.socket.frames.splice(0, framesBefore);
    applyAll(b.socket);
    expect(seenByB.getStates().has(phone.clientID)).toBe(false);
    expect(store.appended).toHaveLength(0); // awareness is never persisted
    phoneAwareness.destroy();
    seenByB.destroy();
  });

  it("greets a newcomer with the states already present", async () => {
    const { room } = await openRoom();
    const a = join(room);
    const phone = new Y.Doc();
    const phoneAwareness = new Awareness(phone);
    phoneAwareness.setLocalState({ user: { name: "Phạm Thu Hà" } });
    a.connection.onMessage(encodeAwareness(encodeAwarenessUpdate(phoneAwareness, [phone.clientID])));
    const c = join(room);
    expect(c.socket.messages().map((m) => m.kind)).toEqual(["sync-step-1", "awareness"]);
    phoneAwareness.destroy();
  });
});

describe("DocRoom compaction and close", () => {
  it("compacts in the background past compactEvery, keeping the state identical", async () => {
    const { room, store, stats } = await openRoom(new MemoryDocStore(), { compactEvery: 3 });
    const a = join(room);
    const updates = phoneEdits(
      ["c-01", "fullName", "Nguyễn Văn An"],
      ["c-01", "gender", "male"],
      ["c-01", "dob", "2017-01-15"],
      ["c-02", "fullName", "Nguyễn Thị Bé"],
      ["c-02", "gender", "female"],
    );
    for (const update of updates) {
      a.connection.onMessage(encodeUpdate(update));
      await flush();
    }
    expect(stats.compactions).toBeGreaterThan(0);
    expect((await store.docStats(DOC)).updates).toBeLessThanOrEqual(3);
    const restored = await store.restore(DOC);
    expect(restored.getMap("children").toJSON()).toEqual(room.doc.getMap("children").toJSON());
  });

  it("runs beforeCompact first, persists and relays its change, then snapshots with it", async () => {
    const seen: Y.Doc[] = [];
    const { room, store, stats } = await openRoom(new MemoryDocStore(), {
      compactEvery: 2,
      beforeCompact: (doc) => {
        seen.push(doc);
        doc.getMap<unknown>("children").delete("c-01"); // stands for dropping dead log entries
      },
    });
    const a = join(room);
    const b = join(room);
    for (const update of phoneEdits(["c-01", "fullName", "Lò Văn Pâng"], ["c-02", "fullName", "Lò Thị Xoan"], ["c-02", "gender", "female"])) {
      a.connection.onMessage(encodeUpdate(update));
      await flush();
    }
    await flush();
    expect(seen).toEqual([room.doc]);
    expect(stats.compactions).toBeGreaterThan(0);
    expect(room.doc.getMap("children").has("c-01")).toBe(false);
    // The other client got the change like any server write, and a reload has it too.
    const other = new Y.Doc();
    for (const update of b.socket.updates()) Y.applyUpdate(other, update);
    expect(other.getMap("children").has("c-01")).toBe(false);
    const restored = await store.restore(DOC);
    expect(restored.getMap("children").has("c-01")).toBe(false);
    expect(childField(restored, "c-02", "gender")).toBe("female");
  });

  it("compacts soon after loading a document stored as a long update log", async () => {
    const store = new MemoryDocStore();
    for (const update of phoneEdits(["c-09", "fullName", "Bế Thị Lan"], ["c-09", "gender", "female"], ["c-09", "dob", "2016-02-29"])) {
      await store.appendUpdate(DOC, update);
    }
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const { room, stats } = await openRoom(store, { compactEvery: 2 });
      expect(stats.compactions).toBe(0);
      await vi.advanceTimersByTimeAsync(5000);
      await room.whenPersisted();
      expect(stats.compactions).toBe(1);
      expect((await store.docStats(DOC)).updates).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("close() waits for pending appends, closes sockets with the code given, compacts", async () => {
    const { room, store } = await openRoom();
    store.hold = true;
    const a = join(room);
    const [u1, u2] = phoneEdits(["c-06", "school", "Trường TH Kim Đồng"], ["c-06", "grade", "3"]) as [
      Uint8Array,
      Uint8Array,
    ];
    a.connection.onMessage(encodeUpdate(u1));
    a.connection.onMessage(encodeUpdate(u2));
    let closed = false;
    const closing = room.close(CloseCode.GoingAway).then(() => (closed = true));
    expect(a.socket.closed?.code).toBe(CloseCode.GoingAway);
    await flush();
    expect(closed).toBe(false);
    store.release();
    await flush();
    store.hold = false;
    store.release();
    await closing;
    expect(room.isOpen).toBe(false);
    expect((await store.docStats(DOC)).updates).toBe(0);
    const restored = await store.restore(DOC);
    expect(childField(restored, "c-06", "grade")).toBe("3");
  });

  it("loads what the store holds", async () => {
    const store = new MemoryDocStore();
    for (const update of phoneEdits(["c-09", "fullName", "Bế Thị Lan"], ["c-09", "residenceType", "permanent"])) {
      await store.appendUpdate(DOC, update);
    }
    const { room } = await openRoom(store);
    expect(childField(room.doc, "c-09", "residenceType")).toBe("permanent");
    expect(room.storedUpdateCount).toBe(2);
    expect(store.appended).toHaveLength(2); // loading re-persists nothing
  });
});

describe("DocRoom hooks (the server guard and the audit journal)", () => {
  /** A guard that puts back any child field a client sets to "xấu" (bad). */
  const hooks = (calls: string[] = []): DocRoomOptions["hooks"] => ({
    filterPush: ({ doc, transaction, connection }) => {
      calls.push(String((connection.context as { username: string }).username));
      let changed = false;
      for (const [type, keys] of transaction.changed) {
        for (const key of keys) {
          if (key !== null && type instanceof Y.Map && type.get(key) === "xấu") {
            type.set(key, "tốt");
            changed = true;
          }
        }
      }
      expect(doc).toBeInstanceOf(Y.Doc);
      return changed;
    },
    journal: (transaction) => ({ rosterId: "thon-na-hang", entries: [{ at: "t", user: "u", childId: "c", field: String(transaction.changed.size), from: null, to: null }] }),
  });

  it("stores and relays one update holding the client's change and its repair, sent back to the sender too", async () => {
    const calls: string[] = [];
    const { room, store } = await openRoom(new MemoryDocStore(), { hooks: hooks(calls) });
    const a = join(room);
    const b = join(room);
    const [good, bad] = phoneEdits(["c-01", "fullName", "Hoàng Văn Sáng"], ["c-01", "note", "xấu"]) as [Uint8Array, Uint8Array];
    a.connection.onMessage(encodeUpdate(good));
    a.connection.onMessage(encodeUpdate(bad));
    await flush();
    expect(calls).toEqual(["canbo.xa", "canbo.xa"]);
    expect(store.appended).toHaveLength(2);
    expect(childField(await store.restore(DOC), "c-01", "note")).toBe("tốt");
    // The unrepaired update went to b only; the repaired one to both, as one update.
    expect(a.socket.updates()).toHaveLength(1);
    const sender = new Y.Doc();
    for (const update of [good, bad, ...a.socket.updates()]) Y.applyUpdate(sender, update);
    expect(childField(sender, "c-01", "note")).toBe("tốt");
    expect(b.socket.updates()).toHaveLength(2);
    expect(childField(b.socket.replica(), "c-01", "note")).toBe("tốt");
    // Each update carried its journal to the store.
    expect(store.appended.every((row) => row.audit?.rosterId === "thon-na-hang")).toBe(true);
  });

  it("keeps a client syncing when the guard throws: the update goes on unrepaired and is counted", async () => {
    const { room, store, stats, logs } = await openRoom(new MemoryDocStore(), {
      hooks: {
        filterPush: () => {
          throw new Error("guard bug");
        },
      },
    });
    const a = join(room);
    const [u1, u2] = phoneEdits(["c-01", "note", "một"], ["c-01", "note", "hai"]) as [Uint8Array, Uint8Array];
    a.connection.onMessage(encodeUpdate(u1));
    a.connection.onMessage(encodeUpdate(u2));
    await flush();
    expect(a.connection.closed).toBe(false);
    expect(store.appended).toHaveLength(2);
    expect(stats.guardFailures).toBe(2);
    expect(logs.error).toContain("sync: the push guard failed");
  });

  it("gives the doc the hooks' gcFilter from loading on", async () => {
    const gcFilter = () => false;
    const { room } = await openRoom(new MemoryDocStore(), { hooks: { gcFilter } });
    expect(room.doc.gcFilter).toBe(gcFilter);
  });
});

import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { CloseCode, SyncCloseError } from "./close-codes";
import type { DocRoom } from "./doc-room";
import { encodeUpdate } from "./protocol";
import { RoomRegistry, type RoomRegistryOptions } from "./room-registry";
import { FakeSocket, MemoryDocStore, childField, clientUpdate, flush, setChildField } from "./test-doubles";

const DOC = "records:ban-khe-lech";
const silent = { warn: () => undefined, error: () => undefined };

function registry(store = new MemoryDocStore(), options: Partial<RoomRegistryOptions> = {}) {
  return new RoomRegistry({ store, idleUnloadMs: 60_000, compactEvery: 100, logger: silent, ...options });
}

function edit(id: string, field: string, value: string): Uint8Array {
  return clientUpdate((d) => setChildField(d, id, field, value)).update;
}

describe("RoomRegistry", () => {
  it("loads a document once however many clients connect at the same moment", async () => {
    const store = new MemoryDocStore();
    const reg = registry(store);
    const connections = await Promise.all(
      Array.from({ length: 20 }, () => reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null })),
    );
    expect(store.loads).toBe(1);
    expect(reg.stats()).toMatchObject({ rooms: 1, connections: 20 });
    expect(new Set(connections.map((c) => c.docName))).toEqual(new Set([DOC]));
    await reg.close();
  });

  it("serves a connection before the doc is built, and applies no client update before onRoomBuilt is done", async () => {
    const order: string[] = [];
    let release = () => {};
    const reg = registry(new MemoryDocStore(), {
      onRoomBuilt: async (room: DocRoom) => {
        await new Promise<void>((resolve) => (release = resolve));
        room.write((doc) => doc.getMap("meta").set("rosterId", "ban-khe-lech"));
        order.push("built");
      },
    });
    const connection = await reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null });
    order.push("connected");
    connection.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-01", "fullName", "Lò Thị Ban")).update));
    const built = reg.getOrLoad(DOC);
    await flush();
    expect(order).toEqual(["connected"]);
    release();
    const room = await built;
    expect(order).toEqual(["connected", "built"]);
    expect(childField(room.doc, "c-01", "fullName")).toBe("Lò Thị Ban");
    await reg.close();
  });

  it("closes a room whose onRoomBuilt throws: its clients get 1011 and the next load starts afresh", async () => {
    const store = new MemoryDocStore();
    let fail = true;
    const reg = registry(store, {
      onRoomBuilt: () => {
        if (fail) throw new Error("no such roster");
      },
    });
    const socket = new FakeSocket();
    await reg.connect("review:ban-khe-lech", socket, { readOnly: true, context: null });
    await expect(reg.getOrLoad("review:ban-khe-lech")).rejects.toThrow();
    expect(socket.closed?.code).toBe(CloseCode.InternalError);
    expect(reg.room("review:ban-khe-lech")).toBeUndefined();
    fail = false;
    expect((await reg.getOrLoad("review:ban-khe-lech")).isBuilt).toBe(true);
    await reg.close();
  });

  it("unloads a room idle for idleUnloadMs after draining and compacting; a reconnect restores it", async () => {
    const store = new MemoryDocStore();
    const reg = registry(store, { idleUnloadMs: 5 });
    const a = await reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null });
    const phone = new Y.Doc();
    a.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-01", "fullName", "Triệu Thị Mẩy"), phone).update));
    a.onMessage(encodeUpdate(clientUpdate((d) => setChildField(d, "c-01", "gender", "female"), phone).update));
    a.onClose();
    await vi.waitFor(() => expect(reg.room(DOC)).toBeUndefined());
    await vi.waitFor(async () => expect((await store.docStats(DOC)).updates).toBe(0));
    expect(reg.stats().compactions).toBe(1);

    const socket = new FakeSocket();
    const b = await reg.connect(DOC, socket, { readOnly: false, context: null });
    b.onMessage(new Uint8Array([0, 0, 1, 0])); // sync step 1 with an empty state vector
    await flush();
    expect(childField(socket.replica(), "c-01", "fullName")).toBe("Triệu Thị Mẩy");
    expect(childField(socket.replica(), "c-01", "gender")).toBe("female");
    expect(store.loads).toBe(2);
    await reg.close();
  });

  it("keeps a room with a connection loaded", async () => {
    const reg = registry(new MemoryDocStore(), { idleUnloadMs: 1 });
    await reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reg.room(DOC)).toBeDefined();
    await reg.close();
  });

  it("drops a broken room and reloads it from storage on the next connect", async () => {
    const store = new MemoryDocStore();
    const reg = registry(store);
    const a = await reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null });
    a.onMessage(encodeUpdate(edit("c-01", "fullName", "Hà Văn Khải")));
    await flush();
    store.failAppends = new Error("disk I/O error");
    const socket = new FakeSocket();
    const b = await reg.connect(DOC, socket, { readOnly: false, context: null });
    b.onMessage(encodeUpdate(edit("c-02", "fullName", "Hà Thị Lụa")));
    await flush();
    expect(socket.closed?.code).toBe(CloseCode.InternalError);
    expect(reg.room(DOC)).toBeUndefined();
    expect(reg.stats().persistFailures).toBe(1);

    store.failAppends = undefined;
    await reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null });
    const reloaded = await reg.getOrLoad(DOC);
    expect(childField(reloaded.doc, "c-01", "fullName")).toBe("Hà Văn Khải");
    expect(childField(reloaded.doc, "c-02", "fullName")).toBeUndefined();
    await reg.close();
  });

  it("gives server-side writers the loaded room, and their writes persist", async () => {
    const store = new MemoryDocStore();
    const reg = registry(store);
    expect(reg.room("review:ban-khe-lech")).toBeUndefined();
    const room = await reg.getOrLoad("review:ban-khe-lech");
    expect(reg.room("review:ban-khe-lech")).toBe(room);
    room.write((doc) => doc.getMap("marks").set("c-01", { status: "clean", codes: [] }));
    await room.whenPersisted();
    const restored = await store.restore("review:ban-khe-lech");
    expect(restored.getMap("marks").get("c-01")).toEqual({ status: "clean", codes: [] });
    expect(reg.stats()).toMatchObject({ updatesPersisted: 1, batchesPersisted: 1 });
    expect(reg.stats().persistLatency.count).toBe(1);
    await reg.close();
  });

  it("close() closes every socket with 1001 and refuses later connections", async () => {
    const store = new MemoryDocStore();
    const reg = registry(store);
    const sockets = [new FakeSocket(), new FakeSocket()];
    const [a] = await Promise.all(sockets.map((s) => reg.connect(DOC, s, { readOnly: false, context: null })));
    a?.onMessage(encodeUpdate(edit("c-03", "fullName", "Nông Văn Dền")));
    await reg.close();
    expect(sockets.map((s) => s.closed?.code)).toEqual([CloseCode.GoingAway, CloseCode.GoingAway]);
    expect(childField(await store.restore(DOC), "c-03", "fullName")).toBe("Nông Văn Dền");
    await expect(reg.connect(DOC, new FakeSocket(), { readOnly: false, context: null })).rejects.toBeInstanceOf(
      SyncCloseError,
    );
  });
});

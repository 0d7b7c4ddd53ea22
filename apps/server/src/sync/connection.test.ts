import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "./close-codes";
import type { ConnectionOptions } from "./connection";
import { DocRoom } from "./doc-room";
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "./protocol";
import { SyncStats } from "./sync-stats";
import { FakeSocket, MemoryDocStore, childField, clientUpdate, flush, setChildField } from "./test-doubles";

const DOC = "records:to-dan-pho-3";

async function setup() {
  const store = new MemoryDocStore();
  const stats = new SyncStats();
  let t = 0;
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const warnings: string[] = [];
  const room = await DocRoom.load({
    name: DOC,
    store,
    compactEvery: 100,
    stats,
    now: clock.now,
    logger: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
  });
  await room.built();
  const join = (options: Partial<ConnectionOptions> = {}) => {
    const socket = new FakeSocket();
    const connection = room.connect(socket, {
      readOnly: false,
      context: { username: "congan.xa" },
      maxMessageBytes: 64 * 1024,
      rateLimit: { messagesPerSecond: 5, burst: 10 },
      ...options,
    });
    return { socket, connection };
  };
  return { store, stats, clock, room, join, warnings };
}

function edit(id: string, field: string, value: string): Uint8Array {
  return clientUpdate((d) => setChildField(d, id, field, value)).update;
}

describe("SyncConnection limits", () => {
  it("closes a frame above maxMessageBytes with 4413 and applies none of it", async () => {
    const { room, join, store } = await setup();
    const a = join({ maxMessageBytes: 1024 });
    const note = "Ghi chú rất dài ".repeat(200);
    a.connection.onMessage(encodeUpdate(edit("c-01", "note", note)));
    expect(a.socket.closed?.code).toBe(CloseCode.MessageTooLarge);
    expect(childField(room.doc, "c-01", "note")).toBeUndefined();
    await flush();
    expect(store.appended).toHaveLength(0);
    expect(room.connectionCount).toBe(0);
  });

  it("accepts a frame of exactly maxMessageBytes", async () => {
    const { join } = await setup();
    const frame = encodeUpdate(edit("c-01", "fullName", "Lê Minh Khôi"));
    const a = join({ maxMessageBytes: frame.byteLength });
    a.connection.onMessage(frame);
    expect(a.socket.closed).toBeUndefined();
  });

  it("closes with 4429 past the burst, and lets a paced client through", async () => {
    const { join, clock } = await setup();
    const query = new Uint8Array([3]);
    const paced = join();
    for (let i = 0; i < 50; i += 1) {
      paced.connection.onMessage(query);
      clock.advance(200); // 5 per second: the sustained rate
    }
    expect(paced.socket.closed).toBeUndefined();

    const flooding = join();
    for (let i = 0; i < 11; i += 1) flooding.connection.onMessage(query);
    expect(flooding.socket.closed?.code).toBe(CloseCode.RateLimited);
  });

  it.each([
    ["an unknown message type", new Uint8Array([7, 1, 2])],
    ["a truncated update", new Uint8Array([0, 2, 50, 1, 2])],
    ["an update Yjs cannot decode", encodeUpdate(new Uint8Array([1, 250, 3, 9, 9, 9]))],
    ["a garbage state vector", new Uint8Array([0, 0, 3, 255, 255, 255])],
    ["a garbage awareness payload", new Uint8Array([1, 4, 1, 2, 3, 4])],
  ])("closes %s with 4400 without throwing or disturbing the others", async (_label, frame) => {
    const { join, room } = await setup();
    const bad = join();
    const good = join();
    expect(() => bad.connection.onMessage(frame)).not.toThrow();
    expect(bad.socket.closed?.code).toBe(CloseCode.ProtocolError);

    good.connection.onMessage(encodeUpdate(edit("c-01", "village", "Thôn Nà Hang")));
    expect(good.socket.closed).toBeUndefined();
    expect(childField(room.doc, "c-01", "village")).toBe("Thôn Nà Hang");
  });

  it("ignores frames after it was closed", async () => {
    const { join, room } = await setup();
    const a = join();
    a.connection.close(CloseCode.Forbidden);
    a.connection.onMessage(encodeUpdate(edit("c-01", "fullName", "Vi Văn Thắng")));
    expect(childField(room.doc, "c-01", "fullName")).toBeUndefined();
    expect(a.socket.closed?.code).toBe(CloseCode.Forbidden);
  });

  it("closes a client that stopped reading with 1013 (backpressure)", async () => {
    const { join } = await setup();
    const slow = join({ maxBufferedBytes: 1000 });
    const writer = join();
    slow.socket.bufferedAmount = 5000;
    writer.connection.onMessage(encodeUpdate(edit("c-01", "fullName", "Ma Thị Dung")));
    await flush();
    expect(slow.socket.closed?.code).toBe(CloseCode.TryAgainLater);
    expect(writer.socket.closed).toBeUndefined();
  });

  it("counts server-side closes by code", async () => {
    const { join, stats } = await setup();
    join({ maxMessageBytes: 4 }).connection.onMessage(new Uint8Array(10));
    join().connection.onMessage(new Uint8Array([9]));
    expect(stats.snapshot(0, 0).closes).toEqual({ [CloseCode.MessageTooLarge]: 1, [CloseCode.ProtocolError]: 1 });
  });
});

describe("SyncConnection read-only", () => {
  it("is not asked for its state, but gets the server's state and live updates", async () => {
    const { join } = await setup();
    const writer = join();
    const viewer = join({ readOnly: true });
    expect(viewer.socket.messages()).toEqual([]);
    expect(writer.socket.messages().map((m) => m.kind)).toEqual(["sync-step-1"]);

    writer.connection.onMessage(encodeUpdate(edit("c-01", "fullName", "Sầm Văn Hải")));
    viewer.connection.onMessage(encodeSyncStep1(new Y.Doc()));
    await flush();
    expect(childField(viewer.socket.replica(), "c-01", "fullName")).toBe("Sầm Văn Hải");
  });

  it.each([
    ["sync step 2", (u: Uint8Array) => encodeSyncStep2(u)],
    ["update", (u: Uint8Array) => encodeUpdate(u)],
  ])("drops its %s: never applied, stored nor relayed", async (_label, frame) => {
    const { join, room, store, stats } = await setup();
    const writer = join();
    const viewer = join({ readOnly: true });
    viewer.connection.onMessage(frame(edit("c-01", "pid", "999999999999")));
    await flush();
    expect(childField(room.doc, "c-01", "pid")).toBeUndefined();
    expect(store.appended).toHaveLength(0);
    expect(writer.socket.updates()).toHaveLength(0);
    expect(viewer.socket.closed).toBeUndefined();
    expect(stats.readOnlyDropped).toBe(1);
  });
});

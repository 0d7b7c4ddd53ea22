// End to end: the stock y-websocket `WebsocketProvider` against the sync core over a
// real `ws` server, with the real SQLite store in a temporary folder.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Role } from "@roster/schema";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { SqliteStore } from "../storage/sqlite-store";
import { CloseCode, SyncCloseError } from "./close-codes";
import { RoomRegistry, type RoomRegistryOptions } from "./room-registry";
import { isReadOnlySync, parseSyncPath } from "./sync-target";
import { childField, setChildField } from "./test-doubles";
import { serveWebSocket } from "./ws-transport";
import { loadDocUpdates } from "../storage/stored-doc";

const silent = { warn: () => undefined, error: () => undefined };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  port: number;
  store: SqliteStore;
  registry: RoomRegistry;
}

/** What the server app will do: parse the path, decide read-only from the role, connect. */
async function startServer(options: Partial<RoomRegistryOptions> = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-sync-"));
  const store = SqliteStore.open(dir);
  const registry = new RoomRegistry({ store, idleUnloadMs: 60_000, compactEvery: 1_000, logger: silent, ...options });
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const target = parseSyncPath(url.pathname);
    wss.handleUpgrade(req, socket, head, (ws) => {
      void serveWebSocket(
        ws,
        async (syncSocket) => {
          if (!target) throw new SyncCloseError(CloseCode.NotFound);
          const role = (url.searchParams.get("role") ?? "school") as Role;
          return registry.connect(target.docName, syncSocket, {
            readOnly: isReadOnlySync(target.kind, role),
            context: { username: url.searchParams.get("user"), role },
          });
        },
        { logger: silent },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    await registry.close();
    wss.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { port: (server.address() as AddressInfo).port, store, registry };
}

/** A stock provider, as the PWA uses it (BroadcastChannel off: all peers share this process). */
function client(h: Harness, roomname: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${h.port}/sync`, roomname, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  cleanups.push(() => provider.destroy());
  return { doc, provider };
}

async function synced(...clients: { provider: WebsocketProvider }[]): Promise<void> {
  await vi.waitFor(() => {
    for (const c of clients) expect(c.provider.synced).toBe(true);
  });
}

/** A raw `ws` client for frames the stock provider would never send; resolves its close code. */
async function rawClient(h: Harness, urlPath: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${h.port}${urlPath}`);
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("error", () => undefined);
  await new Promise((resolve) => ws.once("open", resolve));
  cleanups.push(() => ws.terminate());
  return { ws, closed };
}

async function restored(h: Harness, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await loadDocUpdates(h.store, docName)) Y.applyUpdate(doc, update);
  return doc;
}

function children(doc: Y.Doc): unknown {
  return doc.getMap("children").toJSON();
}

/** Deterministic pseudo-random bytes (mulberry32), so a failure replays. */
function garbage(seed: number, count: number): Uint8Array[] {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () =>
    Uint8Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 256)),
  );
}

describe("sync with the stock WebsocketProvider", () => {
  it("two editors converge, and what they see is on disk", async () => {
    const h = await startServer();
    const police = client(h, "thon-na-hang", { role: "police" });
    const school = client(h, "thon-na-hang", { role: "school" });
    await synced(police, school);

    // The record is created once (two concurrent creations of one child map would
    // keep only one of them: Yjs map semantics), then both edit different fields at once.
    setChildField(police.doc, "c-01", "fullName", "Nguyễn Thị Hồng Nhung");
    await vi.waitFor(() => expect(childField(school.doc, "c-01", "fullName")).toBe("Nguyễn Thị Hồng Nhung"));
    setChildField(police.doc, "c-01", "pid", "001214012345");
    setChildField(school.doc, "c-01", "school", "Trường TH Thượng Lâm");
    await vi.waitFor(() => {
      expect(childField(school.doc, "c-01", "pid")).toBe("001214012345");
      expect(childField(police.doc, "c-01", "school")).toBe("Trường TH Thượng Lâm");
    });
    expect(children(await restored(h, "records:thon-na-hang"))).toEqual(children(police.doc));
  });

  it("a client that edits offline and reconnects keeps both sides' edits", async () => {
    const h = await startServer();
    const station = client(h, "ban-pho");
    const phone = client(h, "ban-pho", { role: "hamlet" });
    await synced(station, phone);
    setChildField(station.doc, "c-07", "fullName", "Sùng A Chở");
    await vi.waitFor(() => expect(childField(phone.doc, "c-07", "fullName")).toBe("Sùng A Chở"));

    phone.provider.disconnect();
    setChildField(phone.doc, "c-07", "residenceType", "permanent");
    setChildField(station.doc, "c-07", "pid", "011214009876");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(childField(station.doc, "c-07", "residenceType")).toBeUndefined();

    phone.provider.connect();
    await vi.waitFor(() => {
      expect(childField(station.doc, "c-07", "residenceType")).toBe("permanent");
      expect(childField(phone.doc, "c-07", "pid")).toBe("011214009876");
    });
    await vi.waitFor(async () => expect(children(await restored(h, "records:ban-pho"))).toEqual(children(station.doc)));
  });

  it("a read-only viewer receives everything but its edits reach nobody and are not stored", async () => {
    const h = await startServer();
    const editor = client(h, "xom-4", { role: "social" });
    const viewer = client(h, "xom-4", { role: "viewer" });
    await synced(editor, viewer);
    setChildField(editor.doc, "c-02", "fullName", "Lý Thị Mai");
    await vi.waitFor(() => expect(childField(viewer.doc, "c-02", "fullName")).toBe("Lý Thị Mai"));

    setChildField(viewer.doc, "c-02", "pid", "999999999999");
    // Frames of one socket are handled in order: once the editor sees the viewer's
    // awareness change, the server has handled (and dropped) the edit sent before it.
    viewer.provider.awareness.setLocalStateField("user", { name: "Người xem" });
    await vi.waitFor(() =>
      expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)).toMatchObject({ user: { name: "Người xem" } }),
    );
    setChildField(editor.doc, "c-02", "dob", "2013-12-01");
    await vi.waitFor(() => expect(childField(viewer.doc, "c-02", "dob")).toBe("2013-12-01"));

    expect(childField(editor.doc, "c-02", "pid")).toBeUndefined();
    const room = h.registry.room("records:xom-4");
    await room?.whenPersisted();
    expect(childField(room?.doc ?? new Y.Doc(), "c-02", "pid")).toBeUndefined();
    const stored = await restored(h, "records:xom-4");
    expect(childField(stored, "c-02", "pid")).toBeUndefined();
    expect(childField(stored, "c-02", "dob")).toBe("2013-12-01");
    expect(viewer.provider.wsconnected).toBe(true);
    expect(h.registry.stats().readOnlyDropped).toBeGreaterThan(0);
  });

  it("the review document carries server writes to every client and accepts no client edit", async () => {
    const h = await startServer();
    const police = client(h, "thon-1/review", { role: "police" });
    await synced(police);
    const room = await h.registry.getOrLoad("review:thon-1");
    room.write((doc) => doc.getMap("marks").set("c-01", { status: "needs-fix", codes: ["pid.missing"] }));
    await vi.waitFor(() => expect(police.doc.getMap("marks").get("c-01")).toMatchObject({ status: "needs-fix" }));

    police.doc.getMap("marks").set("c-01", { status: "verified", codes: [] });
    police.provider.awareness.setLocalStateField("seen", true);
    await vi.waitFor(() => expect(room.awareness.getStates().get(police.doc.clientID)).toMatchObject({ seen: true }));
    await room.whenPersisted();
    expect(room.doc.getMap("marks").get("c-01")).toMatchObject({ status: "needs-fix" });
    expect((await restored(h, "review:thon-1")).getMap("marks").get("c-01")).toMatchObject({ status: "needs-fix" });
  });

  it("closes a frame above the size limit with 4413", async () => {
    const h = await startServer({ limits: { maxMessageBytes: 64 * 1024 } });
    const raw = await rawClient(h, "/sync/thon-2");
    raw.ws.send(new Uint8Array(100 * 1024));
    expect(await raw.closed).toBe(CloseCode.MessageTooLarge);
  });

  it("closes an unknown roster path with 4404 and a text frame with 4400", async () => {
    const h = await startServer();
    const unknown = await rawClient(h, "/sync/Không-hợp-lệ");
    expect(await unknown.closed).toBe(CloseCode.NotFound);
    const text = await rawClient(h, "/sync/thon-2");
    text.ws.send("xin chào");
    expect(await text.closed).toBe(CloseCode.ProtocolError);
  });

  it("100 garbage frames close only their own connection; other rooms (and its own room) keep working", async () => {
    const h = await startServer();
    const a = client(h, "thon-3");
    const b = client(h, "thon-3");
    await synced(a, b);
    const other = await rawClient(h, "/sync/thon-4");
    const sameRoom = await rawClient(h, "/sync/thon-3");
    for (const frame of garbage(20240915, 100)) other.ws.send(frame);
    for (const frame of garbage(7, 100)) sameRoom.ws.send(frame);
    expect(await other.closed).toBe(CloseCode.ProtocolError);
    expect(await sameRoom.closed).toBe(CloseCode.ProtocolError);

    setChildField(a.doc, "c-11", "fullName", "Đào Văn Tùng");
    await vi.waitFor(() => expect(childField(b.doc, "c-11", "fullName")).toBe("Đào Văn Tùng"));
    const late = client(h, "thon-4");
    await synced(late);
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it("unloads an idle room (compacting it) and restores it from storage on reconnect", async () => {
    const h = await startServer({ idleUnloadMs: 30 });
    const first = client(h, "ap-moi");
    await synced(first);
    setChildField(first.doc, "c-21", "fullName", "Châu Thị Kim Ngân");
    setChildField(first.doc, "c-21", "healthBook", "yes");
    await vi.waitFor(async () => expect(children(await restored(h, "records:ap-moi"))).toEqual(children(first.doc)));
    first.provider.destroy();

    await vi.waitFor(() => expect(h.registry.room("records:ap-moi")).toBeUndefined());
    await vi.waitFor(async () => expect((await h.store.docStats("records:ap-moi")).updates).toBe(0));
    const second = client(h, "ap-moi");
    await synced(second);
    expect(children(second.doc)).toEqual(children(first.doc));
  });

  it("background compaction keeps the state identical", async () => {
    const h = await startServer({ compactEvery: 5 });
    const editor = client(h, "to-9");
    await synced(editor);
    for (let i = 0; i < 40; i += 1) {
      setChildField(editor.doc, `c-${i % 7}`, "grade", `${(i % 5) + 1}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await vi.waitFor(() => expect(h.registry.stats().compactions).toBeGreaterThan(0));
    const room = h.registry.room("records:to-9");
    await vi.waitFor(() => expect(children(room?.doc ?? new Y.Doc())).toEqual(children(editor.doc)));
    await room?.whenPersisted();
    const stored = await restored(h, "records:to-9");
    expect(children(stored)).toEqual(children(editor.doc));
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room?.doc ?? new Y.Doc()));
    const fresh = client(h, "to-9");
    await synced(fresh);
    expect(children(fresh.doc)).toEqual(children(editor.doc));
  });

  it("three peers going offline and online at random converge with the store", async () => {
    const h = await startServer({ compactEvery: 10 });
    const peers = [client(h, "lang-5"), client(h, "lang-5", { role: "hamlet" }), client(h, "lang-5", { role: "police" })];
    await synced(...peers);
    const [random] = garbage(42, 1);
    const pick = (i: number) => (random?.[i % random.length] ?? 0) % 3;
    for (let round = 0; round < 6; round += 1) {
      const offline = peers[pick(round)];
      offline?.provider.disconnect();
      peers.forEach((peer, i) => setChildField(peer.doc, `c-${round}-${i}`, "note", `vòng ${round} máy ${i}`));
      setChildField(peers[pick(round + 7)]?.doc ?? new Y.Doc(), "c-shared", "note", `ghi chú ${round}`);
      offline?.provider.connect();
      await synced(...peers);
    }
    await vi.waitFor(() => {
      for (const peer of peers) expect(children(peer.doc)).toEqual(children(peers[0]?.doc ?? new Y.Doc()));
    });
    await h.registry.room("records:lang-5")?.whenPersisted();
    expect(children(await restored(h, "records:lang-5"))).toEqual(children(peers[0]?.doc ?? new Y.Doc()));
    expect(Object.keys(children(peers[0]?.doc ?? new Y.Doc()) as object)).toHaveLength(6 * 3 + 1);
  });
});

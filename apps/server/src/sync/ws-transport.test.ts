import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import * as Y from "yjs";
import { CloseCode, SyncCloseError } from "./close-codes";
import type { SyncConnection } from "./connection";
import { encodeSyncStep1, encodeUpdate, parseMessage } from "./protocol";
import { RoomRegistry } from "./room-registry";
import type { SyncSocket } from "./socket";
import { MemoryDocStore, childField, clientUpdate, setChildField } from "./test-doubles";
import { serveWebSocket, type ServeWebSocketOptions } from "./ws-transport";

const DOC = "records:thon-khau-vai";
const silent = { warn: () => undefined, error: () => undefined };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A `ws` server whose admission waits for `gate` (as authentication and room loading do). */
async function serve(connect: (socket: SyncSocket) => Promise<SyncConnection>, options: ServeWebSocketOptions = {}) {
  const served: Promise<SyncConnection | undefined>[] = [];
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer();
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => served.push(serveWebSocket(ws, connect, { logger: silent, ...options }))),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    wss.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const open = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const received: Uint8Array[] = [];
    ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    await new Promise((resolve) => ws.once("open", resolve));
    cleanups.push(() => ws.terminate());
    return { ws, received, closed };
  };
  return { open, served };
}

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function registry(): RoomRegistry {
  const reg = new RoomRegistry({ store: new MemoryDocStore(), idleUnloadMs: 60_000, compactEvery: 100, logger: silent });
  cleanups.push(() => reg.close());
  return reg;
}

describe("serveWebSocket", () => {
  it("keeps the frames sent while the socket is being admitted and feeds them in order", async () => {
    const reg = registry();
    const admission = gate();
    const { open, served } = await serve(async (socket) => {
      await admission.opened;
      return reg.connect(DOC, socket, { readOnly: false, context: { username: "truong.thon" } });
    });
    const client = await open();
    const { update } = clientUpdate((d) => setChildField(d, "c-01", "fullName", "Hoàng Thị Thắm"));
    client.ws.send(encodeUpdate(update));
    client.ws.send(encodeSyncStep1(new Y.Doc()));
    await vi.waitFor(() => expect(served).toHaveLength(1));
    admission.open();
    await served[0];

    await vi.waitFor(() => expect(client.received.some((f) => parseMessage(f).kind === "sync-step-2")).toBe(true));
    expect(childField(reg.room(DOC)?.doc ?? new Y.Doc(), "c-01", "fullName")).toBe("Hoàng Thị Thắm");
  });

  it.each([
    ["a SyncCloseError with its code", new SyncCloseError(CloseCode.Forbidden), CloseCode.Forbidden],
    ["a 4401 for a bad token", new SyncCloseError(CloseCode.Unauthorized), CloseCode.Unauthorized],
    ["any other error with 1011", new Error("database locked"), CloseCode.InternalError],
  ])("refuses the socket when connect throws %s", async (_label, error, code) => {
    const { open } = await serve(() => Promise.reject(error));
    const client = await open();
    expect(await client.closed).toBe(code);
  });

  it("detaches a connection whose socket closed before admission finished", async () => {
    const reg = registry();
    const admission = gate();
    const { open, served } = await serve(async (socket) => {
      await admission.opened;
      return reg.connect(DOC, socket, { readOnly: false, context: null });
    });
    const client = await open();
    client.ws.close();
    await client.closed;
    await vi.waitFor(() => expect(served).toHaveLength(1));
    admission.open();
    const connection = await served[0];
    expect(connection?.closed).toBe(true);
    expect((await reg.getOrLoad(DOC)).connectionCount).toBe(0);
  });

  it("closes with 4429 when too many frames arrive before admission", async () => {
    const admission = gate();
    const { open } = await serve(
      async () => {
        await admission.opened;
        throw new Error("never admitted");
      },
      { maxEarlyFrames: 3 },
    );
    const client = await open();
    for (let i = 0; i < 5; i += 1) client.ws.send(new Uint8Array([3]));
    expect(await client.closed).toBe(CloseCode.RateLimited);
    admission.open();
  });
});

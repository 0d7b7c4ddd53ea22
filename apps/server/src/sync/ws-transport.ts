import { WebSocket, type RawData } from "ws";
import { CloseCode, CloseReason, SyncCloseError } from "./close-codes";
import type { SyncConnection } from "./connection";
import type { SyncLogger, SyncSocket } from "./socket";

export interface ServeWebSocketOptions {
  /** Ping interval; a socket that has not answered the previous ping is terminated. 0 disables. Default 30 s. */
  heartbeatMs?: number;
  /** Frames kept while `connect` runs (authentication, room load); one more closes with 4429. Default 64. */
  maxEarlyFrames?: number;
  logger?: SyncLogger;
}

/**
 * `ws` refuses a frame over its `maxPayload` as soon as the frame header declares the
 * length (before buffering it), closing with 1009, which the stock client takes as
 * "reconnect and send it again". The sync contract says 4413 (permanent): this socket's
 * `close` turns ws's 1009 into 4413, so the endpoint sets `maxPayload` to exactly the
 * message limit and every oversize frame, however large, closes with 4413 unread.
 */
export function closeOversizeWith4413(ws: WebSocket): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) =>
    code === 1009 ? close(CloseCode.MessageTooLarge, CloseReason[CloseCode.MessageTooLarge]) : close(code, reason);
}

/** Adapts a `ws` socket to the sync core's `SyncSocket` (binary frames only). */
export function wsSyncSocket(ws: WebSocket): SyncSocket {
  return {
    send(data) {
      if (ws.readyState !== WebSocket.OPEN) return;
      // A failed write means the connection is gone; terminating fires `close`, which detaches it.
      ws.send(data, { binary: true }, (error) => {
        if (error) ws.terminate();
      });
    },
    close(code, reason) {
      if (ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED) return;
      ws.close(code, reason);
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

/**
 * Serves one upgraded `ws` socket: listens at once, keeps the frames that arrive
 * while `connect` authenticates and loads the room (the stock client sends sync step 1
 * the moment the socket opens), then feeds them and every later frame to the
 * connection. A text frame is a protocol error (4400).
 *
 * `connect` may throw `SyncCloseError` to refuse the socket with its code (4401, 4403,
 * 4404, …); any other error closes it with 1011. Resolves to the connection, or
 * `undefined` when refused.
 */
export async function serveWebSocket(
  ws: WebSocket,
  connect: (socket: SyncSocket) => Promise<SyncConnection>,
  options: ServeWebSocketOptions = {},
): Promise<SyncConnection | undefined> {
  closeOversizeWith4413(ws);
  const socket = wsSyncSocket(ws);
  const maxEarlyFrames = options.maxEarlyFrames ?? 64;
  // Filled in once `connect` resolves; the listeners below exist from the first frame on.
  const state: { connection?: SyncConnection; early: { data: RawData; isBinary: boolean }[]; socketClosed: boolean } = {
    early: [],
    socketClosed: false,
  };

  const deliver = (target: SyncConnection, data: RawData, isBinary: boolean): void => {
    if (!isBinary) return target.close(CloseCode.ProtocolError, "text frames are not part of the protocol");
    target.onMessage(toBytes(data));
  };

  ws.on("message", (data, isBinary) => {
    if (state.connection) return deliver(state.connection, data, isBinary);
    if (state.early.length >= maxEarlyFrames) return socket.close(CloseCode.RateLimited, CloseReason[CloseCode.RateLimited]);
    state.early.push({ data, isBinary });
  });
  ws.on("error", (error) => options.logger?.warn("sync: websocket error", { error: error.message }));
  const stopHeartbeat = startHeartbeat(ws, options.heartbeatMs ?? 30_000);
  ws.on("close", () => {
    state.socketClosed = true;
    stopHeartbeat();
    state.connection?.onClose();
  });

  let admitted: SyncConnection;
  try {
    admitted = await connect(socket);
  } catch (error) {
    if (error instanceof SyncCloseError) {
      socket.close(error.code, error.message);
    } else {
      options.logger?.error("sync: could not admit a socket", { error: String(error) });
      socket.close(CloseCode.InternalError, CloseReason[CloseCode.InternalError]);
    }
    return undefined;
  }
  if (state.socketClosed) {
    admitted.onClose();
    return admitted;
  }
  state.connection = admitted;
  const frames = state.early;
  state.early = [];
  for (const frame of frames) deliver(admitted, frame.data, frame.isBinary);
  return admitted;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function startHeartbeat(ws: WebSocket, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => undefined;
  let answered = true;
  ws.on("pong", () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) return ws.terminate();
    answered = false;
    try {
      ws.ping();
    } catch {
      ws.terminate();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

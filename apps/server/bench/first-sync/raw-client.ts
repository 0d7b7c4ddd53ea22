import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebSocket, type RawData } from "ws";
import { withTimeout } from "../wait";

// A bare y-websocket client: it sends exactly one sync step 1 with the state vector it is
// given and records the answer frame by frame, so the benchmark sees the server's answer
// itself (time, bytes, frames) without a provider's own decoding in between.

const MESSAGE_SYNC = 0;

/** What a server sent in answer to one sync step 1. */
export interface SyncReceipt {
  /** From sending sync step 1 to receiving sync step 2 (the answer's last frame). */
  answerMs: number;
  /** The updates of the answer in order: every `update` frame, then sync step 2's. */
  parts: Uint8Array[];
  /** Bytes of those updates (what the server's `roster_sync_answer_bytes_total` counts). */
  bytes: number;
  /** Bytes of the WebSocket messages of the answer. */
  frameBytes: number;
}

/** One WebSocket to `/sync/<rosterId>`, open. */
export interface RawSyncClient {
  /** From creating the socket to its `open` (handshake, before any sync). */
  openMs: number;
  /** Sends sync step 1 with `stateVector` and resolves with the answer. */
  requestSync(stateVector: Uint8Array, timeoutMs?: number): Promise<SyncReceipt>;
  close(): Promise<void>;
}

/** Opens `url` (`ws://…/sync/<id>?token=…`); rejects if the server closes it first. */
export async function openRawSyncClient(url: string, timeoutMs = 30_000): Promise<RawSyncClient> {
  const started = performance.now();
  const ws = new WebSocket(url, { maxPayload: 512 * 1024 * 1024 });
  ws.binaryType = "nodebuffer";
  const closed = new Promise<{ code: number }>((resolve) => ws.once("close", (code) => resolve({ code })));
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      void closed.then(({ code }) => reject(new Error(`bench: ${redact(url)} closed with ${code} before opening`)));
    }),
    timeoutMs,
    `${redact(url)} to open`,
  );
  const openMs = performance.now() - started;
  let collecting: { parts: Uint8Array[]; frameBytes: number; done: (answerAt: number) => void } | undefined;
  ws.on("message", (data: RawData) => {
    const at = performance.now();
    const frame = data as Buffer;
    const decoder = decoding.createDecoder(frame);
    // Awareness and the server's own sync step 1 are not part of the answer.
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || !collecting) return;
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) return;
    collecting.parts.push(decoding.readVarUint8Array(decoder));
    collecting.frameBytes += frame.byteLength;
    if (step === syncProtocol.messageYjsSyncStep2) collecting.done(at);
  });

  const requestSync = async (stateVector: Uint8Array, answerTimeoutMs = 120_000): Promise<SyncReceipt> => {
    if (collecting) throw new Error("bench: one sync at a time");
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(encoder, stateVector);
    const parts: Uint8Array[] = [];
    const state = { parts, frameBytes: 0, done: (_at: number) => undefined as void };
    const answered = new Promise<number>((resolve, reject) => {
      state.done = resolve;
      void closed.then(({ code }) => reject(new Error(`bench: the server closed the socket with ${code} before answering`)));
    });
    collecting = state;
    try {
      const started = performance.now();
      ws.send(encoding.toUint8Array(encoder));
      const answerAt = await withTimeout(answered, answerTimeoutMs, "a sync answer");
      return { answerMs: answerAt - started, parts, bytes: parts.reduce((sum, part) => sum + part.byteLength, 0), frameBytes: state.frameBytes };
    } finally {
      collecting = undefined;
    }
  };

  const close = async (): Promise<void> => {
    if (ws.readyState === WebSocket.CLOSED) return;
    ws.close();
    await withTimeout(closed, 5_000, "the socket to close").catch(() => ws.terminate());
  };

  return { openMs, requestSync, close };
}

/** The URL without its token, for error messages. */
function redact(url: string): string {
  return url.replace(/token=[^&]*/, "token=…");
}

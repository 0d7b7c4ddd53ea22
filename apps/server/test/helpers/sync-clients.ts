import { RosterRecords, RosterReview } from "@roster/doc";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** The editing identity written into the records' edit log by `RosterRecords`. */
export interface Editor {
  id: string;
  name: string;
}

/** A stock y-websocket client of one document, as the PWA runs it (BroadcastChannel off). */
export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every update this client received from the server (origin = the provider), in order. */
  received: Uint8Array[];
  /** Typed records access on this client's doc (the PWA's view of the same document). */
  records(): RosterRecords;
  /** Typed review access on this client's doc. */
  review(): RosterReview;
  destroy(): void;
}

/**
 * Connects a stock `WebsocketProvider` to `<syncUrl>/<room>?token=…` where room is a
 * roster id (records) or `<rosterId>/review`.
 */
export function connectClient(syncUrl: string, room: string, token: string, options: { connect?: boolean } = {}): SyncClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    connect: options.connect ?? true,
  });
  const received: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  // Created on first use: each wrapper observes the doc until destroyed.
  const typed: { records?: RosterRecords; review?: RosterReview } = {};
  return {
    doc,
    provider,
    received,
    records: () => (typed.records ??= new RosterRecords(doc)),
    review: () => (typed.review ??= new RosterReview(doc)),
    destroy: () => {
      provider.destroy();
      typed.records?.destroy();
      typed.review?.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the provider synced with the server; rejects with the close code if refused. */
export function whenSynced(client: SyncClient, timeoutMs = 5_000): Promise<void> {
  const { provider } = client;
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`not synced after ${timeoutMs} ms`)), timeoutMs);
    const onSync = (synced: boolean) => synced && done();
    const onClosed = (event: { code: number }) => done(new Error(`closed with ${event.code}`));
    const done = (error?: Error) => {
      clearTimeout(timer);
      provider.off("sync", onSync);
      provider.off("closed", onClosed);
      if (error) reject(error);
      else resolve();
    };
    provider.on("sync", onSync);
    provider.on("closed", onClosed);
  });
}

/**
 * Proof that the server has processed everything `sender` sent so far: it publishes an
 * awareness marker after its last message on the same socket, and `witness` sees the
 * marker only after the server handled every earlier message of that socket (frames of
 * one connection are handled in order).
 */
export async function barrier(sender: SyncClient, witness: SyncClient, marker: string, timeoutMs = 5_000): Promise<void> {
  sender.provider.awareness.setLocalStateField("barrier", marker);
  const id = sender.doc.clientID;
  const deadline = Date.now() + timeoutMs;
  while ((witness.provider.awareness.getStates().get(id) as { barrier?: string } | undefined)?.barrier !== marker) {
    if (Date.now() > deadline) throw new Error(`barrier ${marker} not seen after ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** A raw `ws` socket, for frames the stock provider never sends; `closed` resolves to the close code. */
export async function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<number>; firstFrame: Promise<void> }> {
  const ws = new WebSocket(url);
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const firstFrame = new Promise<void>((resolve) => ws.once("message", () => resolve()));
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("close", (code) => reject(new Error(`closed with ${code} before opening`)));
  });
  return { ws, closed, firstFrame };
}

/** The close code the server answers a connection to `url` with (it never admits it). */
export async function closeCodeFor(url: string): Promise<number> {
  const { closed } = await rawSocket(url);
  return closed;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider, messageSync } from "y-websocket";
import * as Y from "yjs";
import { AckTracker } from "./ack-tracker";
import { pendingCount } from "./pending-ledger";

/**
 * The server side of the contract the tracker relies on (DESIGN "Sync"), faked: updates
 * are applied at once but, while the test holds the disk, become durable only on
 * `release()`; a sync step 1 is answered by a step 2 once every update received before
 * it is durable, in order (at once when none is waiting).
 */
class FakeServer {
  readonly doc = new Y.Doc();
  private held = false;
  /** Updates not yet durable and the answers queued behind them, in arrival order. */
  private readonly queue: ({ kind: "update" } | { kind: "answer"; send: () => void })[] = [];
  socket: FakeSocket | undefined;

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const item of this.queue.splice(0)) if (item.kind === "answer") item.send();
  }

  /** What the fake socket delivers from the client. */
  receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== messageSync) return;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const answer = syncFrame((e) => syncProtocol.writeSyncStep2(e, this.doc, payload));
      const socket = this.socket;
      const send = () => socket?.deliver(answer);
      if (this.queue.length > 0) this.queue.push({ kind: "answer", send });
      else send();
    } else {
      Y.applyUpdate(this.doc, payload, this);
      if (this.held) this.queue.push({ kind: "update" });
    }
  }

  /** Drops the connection without answering what is still waiting. */
  dropConnection(): void {
    this.socket?.closeFromServer();
  }
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

let server = new FakeServer();

/** A WebSocket for the stock provider, wired to `server` in memory. */
class FakeSocket {
  static readonly OPEN = 1;
  readonly OPEN = 1;
  readyState = 0;
  binaryType = "arraybuffer";
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor() {
    server.socket = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
      // As the real server: its own step 1 first.
      this.deliver(syncFrame((e) => syncProtocol.writeSyncStep1(e, server.doc)));
    });
  }

  send(data: Uint8Array): void {
    if (this.readyState === 1) server.receive(new Uint8Array(data));
  }

  deliver(frame: Uint8Array): void {
    if (this.readyState !== 1) return;
    this.onmessage?.({ data: frame.slice().buffer });
  }

  close(): void {
    this.readyState = 3;
  }

  closeFromServer(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: "" });
  }
}

const trackers: AckTracker[] = [];
const providers: WebsocketProvider[] = [];

afterEach(() => {
  for (const t of trackers.splice(0)) t.destroy();
  for (const p of providers.splice(0)) p.destroy();
  server = new FakeServer();
});

function phone() {
  const doc = new Y.Doc();
  const tracker = new AckTracker(doc);
  trackers.push(tracker);
  const provider = new WebsocketProvider("ws://fake", "roster", doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  providers.push(provider);
  tracker.attach(provider);
  const edit = (field: string, value: string) => doc.getMap<string>("child").set(field, value);
  const pending = () => pendingCount(tracker.state);
  return { doc, tracker, provider, edit, pending };
}

const serverHolds = (doc: Y.Doc) => Y.snapshotContainsUpdate(Y.snapshot(server.doc), Y.encodeStateAsUpdate(doc));
/** Long enough for the tracker's probe delay and a few round trips. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe("AckTracker over the stock provider", () => {
  it("counts an online change as waiting until the server answers a probe sent after it, which it does once the change is durable", async () => {
    const p = phone();
    p.provider.connect();
    await vi.waitFor(() => expect(p.provider.synced).toBe(true));

    server.hold();
    p.edit("dob", "2015-03-02");
    expect(p.pending()).toBe(1);
    await settle();
    // The server has applied the change but not made it durable: no answer, still waiting.
    expect(serverHolds(p.doc)).toBe(true);
    expect(p.pending()).toBe(1);

    server.release();
    await vi.waitFor(() => expect(p.pending()).toBe(0));
    expect(p.tracker.state.lastSyncedAt).not.toBeNull();
  });

  it("does not take the answer to the provider's opening step 1 for the offline changes sent after it", async () => {
    const p = phone();
    p.edit("dob", "2015-03-02");
    p.edit("pid", "001215000123");
    expect(p.pending()).toBe(2);

    server.hold();
    p.provider.connect();
    await settle();
    // The opening step 1 was answered at once (nothing waited before it): the provider is
    // synced. The probe behind the offline changes waits for their durability.
    expect(p.provider.synced).toBe(true);
    expect(p.pending()).toBe(2);

    server.release();
    await vi.waitFor(() => expect(p.pending()).toBe(0));
    expect(serverHolds(p.doc)).toBe(true);
  });

  it("keeps a change waiting when the socket drops before the answer, and clears it from the server's step 1 on the next connection", async () => {
    const p = phone();
    p.provider.connect();
    await vi.waitFor(() => expect(p.provider.synced).toBe(true));

    server.hold();
    p.edit("fullName", "Lò Thị Mai");
    await settle();
    const first = server.socket;
    server.dropConnection();
    server.release();
    await Promise.resolve();
    expect(p.provider.wsconnected).toBe(false);
    expect(p.pending()).toBe(1);

    // The change reached the server before the drop; its next step 1 says it holds it.
    await vi.waitFor(() => expect(p.pending()).toBe(0), { timeout: 5000 });
    expect(server.socket).not.toBe(first);
  });

  it("does not count changes that came from the server", async () => {
    const other = new Y.Doc();
    other.getMap<string>("child").set("gender", "female");
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(other));
    const p = phone();
    p.provider.connect();
    await vi.waitFor(() => expect(p.doc.getMap<string>("child").get("gender")).toBe("female"));
    expect(p.pending()).toBe(0);
  });
});

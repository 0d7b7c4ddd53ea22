// Test doubles shared by the sync unit tests (not used by production code).
import * as Y from "yjs";
import type { DocStore, NewSnapshot, StoredDoc, StoredUpdate, UpdateAudit } from "../storage/store";
import { loadDocUpdates } from "../storage/stored-doc";
import type { SyncConnection } from "./connection";
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, parseMessage, type SyncMessage } from "./protocol";
import type { SyncSocket } from "./socket";

/** Records what the server sends and how it closes; decodes frames for assertions. */
export class FakeSocket implements SyncSocket {
  readonly frames: Uint8Array[] = [];
  closed: { code: number; reason: string } | undefined;
  bufferedAmount = 0;

  send(data: Uint8Array): void {
    if (!this.closed) this.frames.push(data);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  messages(): SyncMessage[] {
    return this.frames.map((frame) => parseMessage(frame));
  }

  /** Document updates received (sync step 2 and live updates), in order. */
  updates(): Uint8Array[] {
    return this.messages().flatMap((m) => (m.kind === "sync-step-2" || m.kind === "update" ? [m.update] : []));
  }

  /** A fresh doc holding everything this socket received. */
  replica(): Y.Doc {
    const doc = new Y.Doc();
    for (const update of this.updates()) Y.applyUpdate(doc, update);
    return doc;
  }
}

interface StoredRow {
  seq: number;
  snapshot: Omit<NewSnapshot, "update"> | undefined;
  data: Uint8Array;
}

interface HeldAppend {
  name: string;
  update: Uint8Array;
  audit?: UpdateAudit | undefined;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * An in-memory `DocStore`. With `hold = true`, `appendUpdate` waits until the test
 * calls `release()` (commit) or `reject()` (fail), so ordering can be observed.
 */
export class MemoryDocStore implements DocStore {
  hold = false;
  failAppends: Error | undefined;
  readonly held: HeldAppend[] = [];
  readonly appended: { name: string; update: Uint8Array; audit?: UpdateAudit }[] = [];
  loads = 0;
  private readonly rows = new Map<string, StoredRow[]>();
  private readonly lastSeqs = new Map<string, number>();

  async loadStored(name: string): Promise<StoredDoc> {
    this.loads += 1;
    const stored: StoredDoc = { snapshot: undefined, updates: [], lastSeq: this.lastSeqs.get(name) ?? 0 };
    for (const row of this.rows.get(name) ?? []) {
      if (row.snapshot) stored.snapshot = { seq: row.seq, update: row.data, ...row.snapshot };
      else stored.updates.push({ seq: row.seq, update: row.data });
    }
    return stored;
  }

  async updatesAfter(name: string, afterSeq: number): Promise<StoredUpdate[] | undefined> {
    const rows = (this.rows.get(name) ?? []).filter((row) => row.seq > afterSeq);
    if (rows.some((row) => row.snapshot)) return undefined;
    return rows.map((row) => ({ seq: row.seq, update: row.data }));
  }

  appendUpdate(name: string, update: Uint8Array, audit?: UpdateAudit): Promise<number> {
    if (this.failAppends) return Promise.reject(this.failAppends);
    if (!this.hold) return Promise.resolve(this.commit(name, update, audit));
    return new Promise((resolve, reject) => this.held.push({ name, update, audit, resolve, reject }));
  }

  /** Commits the oldest held append and resolves its promise. */
  release(): void {
    const next = this.held.shift();
    if (!next) throw new Error("no held append");
    next.resolve(this.commit(next.name, next.update, next.audit));
  }

  /** Fails the oldest held append. */
  reject(error: Error): void {
    const next = this.held.shift();
    if (!next) throw new Error("no held append");
    next.reject(error);
  }

  async compactDoc(name: string, snapshot: NewSnapshot, throughSeq: number): Promise<void> {
    const rows = this.rows.get(name) ?? [];
    const head = rows[0];
    if (head?.snapshot && head.seq >= throughSeq) return;
    const kept = rows.filter((row) => row.seq > throughSeq);
    const { update, ...meta } = snapshot;
    this.rows.set(name, [{ seq: throughSeq, snapshot: meta, data: update }, ...kept]);
  }

  async docStats(name: string): Promise<{ updates: number; bytes: number; lastSeq: number }> {
    const rows = this.rows.get(name) ?? [];
    return {
      updates: rows.filter((row) => row.snapshot === undefined).length,
      bytes: rows.reduce((sum, row) => sum + row.data.byteLength, 0),
      lastSeq: this.lastSeqs.get(name) ?? 0,
    };
  }

  /** What a fresh load of `name` restores. */
  async restore(name: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    for (const update of await loadDocUpdates(this, name)) Y.applyUpdate(doc, update);
    return doc;
  }

  private commit(name: string, update: Uint8Array, audit?: UpdateAudit): number {
    const seq = (this.lastSeqs.get(name) ?? 0) + 1;
    this.lastSeqs.set(name, seq);
    const rows = this.rows.get(name) ?? [];
    rows.push({ seq, snapshot: undefined, data: update });
    this.rows.set(name, rows);
    this.appended.push({ name, update, ...(audit ? { audit } : {}) });
    return seq;
  }
}

/** A client-side change as the stock provider would send it: the update of one transaction. */
export function clientUpdate(change: (doc: Y.Doc) => void, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = base ?? new Y.Doc();
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array): void => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  };
  doc.on("update", capture);
  doc.transact(() => change(doc));
  doc.off("update", capture);
  if (!update) throw new Error("the change produced no update");
  return { doc, update };
}

/** Sets one field of one child in a records doc (`children: Y.Map<id, Y.Map>`). */
export function setChildField(doc: Y.Doc, childId: string, field: string, value: string | boolean | null): void {
  const children = doc.getMap<Y.Map<unknown>>("children");
  let child = children.get(childId);
  if (!child) {
    child = new Y.Map<unknown>();
    children.set(childId, child);
  }
  child.set(field, value);
}

/** A child's field as a doc holds it. */
export function childField(doc: Y.Doc, childId: string, field: string): unknown {
  return doc.getMap<Y.Map<unknown>>("children").get(childId)?.get(field);
}

/** Lets every pending promise callback run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A client as the stock provider behaves, over a `FakeSocket`: it sends its own changes,
 * answers the server's sync step 1 with what the server lacks, and applies what it receives
 * when `pump` is called (the test decides when frames arrive).
 */
export class TestPeer {
  readonly doc = new Y.Doc();
  socket = new FakeSocket();
  private read = 0;
  private connection: SyncConnection | undefined;

  constructor() {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.connection?.onMessage(encodeUpdate(update));
    });
  }

  /** A new socket for the next connection (the previous one's frames are forgotten). */
  nextSocket(): FakeSocket {
    this.socket = new FakeSocket();
    this.read = 0;
    return this.socket;
  }

  /** Starts syncing over `connection` (made on `socket`): sends sync step 1. */
  attach(connection: SyncConnection): void {
    this.connection = connection;
    connection.onMessage(encodeSyncStep1(this.doc));
  }

  get closedWith(): number | undefined {
    return this.socket.closed?.code;
  }

  /** Takes every frame the server sent since the last call. */
  pump(): void {
    for (; this.read < this.socket.frames.length; this.read += 1) {
      const message = parseMessage(this.socket.frames[this.read] as Uint8Array);
      if (message.kind === "sync-step-1") this.connection?.onMessage(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
      else if (message.kind === "sync-step-2" || message.kind === "update") Y.applyUpdate(this.doc, message.update, this);
    }
  }
}

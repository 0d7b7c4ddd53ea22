import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import type { DocStore, StoredDoc } from "../storage/store";
import { CloseCode, type CloseCodeValue } from "./close-codes";
import { SyncConnection, type ConnectionHost, type ConnectionOptions } from "./connection";
import { needsWitness, writeWitness } from "./deletion-witness";
import { PersistQueue, type PersistedBatch } from "./persist-queue";
import { PresenceLimit } from "./presence-limit";
import type { RoomHooks } from "./room-hooks";
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "./protocol";
import type { SyncLogger, SyncSocket } from "./socket";
import { StoredState } from "./stored-state";
import type { CommittedUpdate, RemoteWriter, RoomReplication } from "./replication";
import { answerFor, readStateVector } from "./sync-answer";
import { SyncStats } from "./sync-stats";
import { inProcessOffload, type GcKind, type YjsOffload } from "./yjs-offload";

/** Transaction origin of the updates applied when a room's document is built from storage. */
export const LOADED_FROM_STORE = Symbol("loaded-from-store");
/** Default transaction origin of `DocRoom.write`. */
export const SERVER_ORIGIN = Symbol("server");
/** Transaction origin of the server's deletion witnesses (see `deletion-witness.ts`). */
export const WITNESS_ORIGIN = Symbol("witness");

/** Client updates held while the document is being built, per room, before clients are asked to wait. */
const MAX_HELD_BYTES = 256 * 1024 * 1024;
/** Relayed frames held for one client while its sync answer is worked out elsewhere. */
const MAX_ANSWER_BACKLOG_BYTES = 32 * 1024 * 1024;

/** Writing to a room that was unloaded, closed or broken. */
export class RoomClosedError extends Error {
  override readonly name = "RoomClosedError";
}

export interface DocRoomOptions {
  name: string;
  store: DocStore;
  /** Compact in the background once more than this many updates are stored. */
  compactEvery: number;
  /** Builds the Y.Doc this long after loading (first syncs in between come from the stored bytes). */
  buildDelayMs?: number;
  /** Where diffs for returning clients and compactions run (default: in process). */
  offload?: YjsOffload;
  /** The garbage collection a compaction of this document uses. */
  gc?: GcKind;
  stats?: SyncStats;
  logger?: SyncLogger;
  /** Monotonic clock for rate limits and latencies (tests inject one). */
  now?: () => number;
  /** The room has no connection any more (also called by the registry right after loading). */
  onIdle?: (room: DocRoom) => void;
  /** Persisting failed: the room closed its connections with 1011 and is dead. */
  onBroken?: (room: DocRoom, error: unknown) => void;
  /**
   * Awaited once the doc is built, before any client's update is applied to it (attach the
   * audit, the marks…). A failure closes the room.
   */
  onBuilt?: (room: DocRoom) => void | Promise<void>;
  /**
   * Runs before a compaction, when the doc is built, e.g. to drop edit-log entries nobody
   * needs any more. Its changes are persisted and relayed like any server write, and the
   * compaction covers them. Failures are logged; the compaction goes on.
   */
  beforeCompact?: (doc: Y.Doc) => void;
  /** The guard, the doc's gcFilter and the audit journal (see `RoomHooks`). */
  hooks?: RoomHooks;
  /** Scaled mode: the room's part in a cluster of instances (absent: it owns the document). */
  replication?: RoomReplication;
  /** The room closed, broke or was destroyed (e.g. to drop its subscriptions). */
  onClosed?: (room: DocRoom) => void;
}

/** How long after a build a document with a long stored log is compacted. */
const COMPACT_AFTER_BUILD_MS = 2000;

/** A replica asks a client again for what it holds when its forwarded update was not committed within this. */
const FORWARD_CONFIRM_MS = 3_000;

type RoomState = "open" | "closing" | "closed" | "broken";

/** Replica: a connection whose forwarded updates are not all seen committed yet. */
interface Unconfirmed {
  /** When its first unconfirmed update was forwarded. */
  since: number;
  /** Per Yjs client, the clock its structs reach that no committed update reached yet. */
  awaited: Map<number, number>;
}

/** A connection whose sync answer is being worked out: what is relayed meanwhile waits. */
interface Answering {
  frames: Uint8Array[];
  bytes: number;
  chain: Promise<void>;
}

/**
 * One document of one process: what is stored of it, its connections, their awareness and
 * the durable relay pipeline, and (built in the background, see `built()`) its `Y.Doc`.
 *
 * - A client's sync step 1 is answered from the stored bytes (`StoredState`), never by
 *   encoding the doc: a new client gets them as stored, a returning one what it lacks.
 * - Every change, from a client or from the server, is applied to the doc; the doc's
 *   `update` event yields the integrated part (duplicates give none); that is appended to
 *   the store in order and only then relayed to the other connections and added to the
 *   stored state. A client therefore never receives an update that is not on disk.
 * - Client updates that arrive before the doc is built wait for it (the guard and the audit
 *   need it), and writable clients are asked for what they hold once it is built.
 */
export class DocRoom implements ConnectionHost {
  readonly name: string;
  readonly awareness: Awareness;
  private builtDoc: Y.Doc | undefined;
  private building: Promise<Y.Doc> | undefined;
  private buildTimer: ReturnType<typeof setTimeout> | undefined;
  /** The awareness needs a doc for its own client id only: a tiny one, so it exists before the build. */
  private readonly awarenessDoc = new Y.Doc();
  private readonly presence = new PresenceLimit();
  private readonly connectionClients = new Map<SyncConnection, Set<number>>();
  private stored: StoredState;
  /** Replica: committed updates of other instances, taken one after another (some read the store). */
  private remoteChain: Promise<void> = Promise.resolve();
  /** Replica: connections with a forwarded update not seen committed yet (see `Unconfirmed`). */
  private readonly unconfirmed = new Map<SyncConnection, Unconfirmed>();
  private readonly queue: PersistQueue;
  private readonly stats: SyncStats;
  private state: RoomState = "open";
  private closing: Promise<void> | undefined;
  private compacting: Promise<boolean> | undefined;
  /** Client updates waiting for the build, in arrival order. */
  private held: { connection: SyncConnection | RemoteWriter; update: Uint8Array }[] = [];
  private heldBytes = 0;
  private readonly answering = new Map<SyncConnection, Answering>();
  /** `beforeCompact` ran and no compaction has succeeded since (it is not run again). */
  private prepared = false;
  private readonly hooks: RoomHooks;
  private readonly offload: YjsOffload;
  /** Transactions in which the guard repaired the sender's update (sent back to it too). */
  private readonly repaired = new WeakSet<Y.Transaction>();

  /** Loads what is stored of the document into a new room; the doc is built later. */
  static async load(options: DocRoomOptions): Promise<DocRoom> {
    return new DocRoom(options, await options.store.loadStored(options.name));
  }

  private constructor(
    private readonly options: DocRoomOptions,
    stored: StoredDoc,
  ) {
    this.name = options.name;
    this.stats = options.stats ?? new SyncStats();
    this.hooks = options.hooks ?? {};
    this.offload = options.offload ?? inProcessOffload();
    this.stored = new StoredState(stored);
    this.awareness = new Awareness(this.awarenessDoc);
    this.awareness.setLocalState(null);
    const fence = options.replication?.fence;
    this.queue = new PersistQueue({
      name: this.name,
      ...(fence ? { fence } : {}),
      store: options.store,
      now: options.now,
      onPersisted: (batch) => this.relay(batch),
      onFailure: (error) => this.fail(error),
    });
    this.awareness.on("update", this.onAwarenessChange);
    if (this.isReplica) return; // the owner builds, elsewhere
    this.buildTimer = setTimeout(() => {
      this.buildTimer = undefined;
      void this.built().catch(() => undefined); // `build` reports and closes the room itself
    }, options.buildDelayMs ?? 0);
    this.buildTimer.unref();
  }

  /** Scaled mode, another instance owns the document: this room never builds nor stores it. */
  get isReplica(): boolean {
    return this.options.replication?.role === "replica";
  }

  /** False once the room started unloading, closed or broke; it must not be used then. */
  get isOpen(): boolean {
    return this.state === "open";
  }

  get isBroken(): boolean {
    return this.state === "broken";
  }

  /** Whether the Y.Doc has been built (only then may `doc` be read). */
  get isBuilt(): boolean {
    return this.builtDoc !== undefined;
  }

  /** The built document. Throws before `built()` resolved: server code awaits that first. */
  get doc(): Y.Doc {
    if (!this.builtDoc) throw new Error(`room ${this.name}: the document is not built yet`);
    return this.builtDoc;
  }

  get connectionCount(): number {
    return this.connectionClients.size;
  }

  /** The room's live connections (e.g. to see who is editing). */
  connections(): SyncConnection[] {
    return [...this.connectionClients.keys()];
  }

  /** Updates applied in memory and not yet durable. */
  get pendingUpdates(): number {
    return this.queue.pending;
  }

  /** Updates stored after the snapshot, as far as this room knows. */
  get storedUpdateCount(): number {
    return this.stored.tailLength;
  }


  /** Resolves once every change applied so far is durable (rejects if the store failed). */
  whenPersisted(): Promise<void> {
    return this.queue.drained();
  }

  /** The doc, built now if it is not yet (at most once), with `onBuilt` done. */
  built(): Promise<Y.Doc> {
    if (this.builtDoc && !this.building) return Promise.resolve(this.builtDoc);
    if (this.state !== "open" && this.state !== "closing") return Promise.reject(new RoomClosedError(`room ${this.name} is not open`));
    if (this.isReplica) return Promise.reject(new RoomClosedError(`room ${this.name} is a replica: its owner builds it`));
    if (!this.building) {
      try {
        this.building = this.build();
      } catch (error) {
        // Stored bytes Yjs cannot apply: nobody can be served this document until it is fixed.
        this.options.logger?.error("sync: building a document from storage failed; closing it", { doc: this.name, error: String(error) });
        if (this.state === "open") {
          void this.close(CloseCode.InternalError);
          this.options.onBroken?.(this, error);
        }
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.building;
  }

  /**
   * Admits a socket. Its sync step 1 is answered from the stored bytes at once; a writable
   * client is asked for what it holds (sync step 1 from the server) once the doc is built,
   * since its updates wait for the doc anyway.
   */
  connect(socket: SyncSocket, options: ConnectionOptions): SyncConnection {
    if (this.state !== "open") throw new RoomClosedError(`room ${this.name} is not open`);
    const connection = new SyncConnection(this, socket, options, {
      stats: this.stats,
      logger: this.options.logger,
      now: this.options.now,
    });
    this.connectionClients.set(connection, new Set());
    if (!connection.readOnly) {
      if (this.ready) connection.send(encodeSyncStep1(this.doc));
      else if (this.isReplica) connection.send(encodeSyncStep1(this.stored.stateVector()));
    }
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
    return connection;
  }

  /**
   * Runs a server-side change (e.g. review marks) in one transaction, on the built doc. It
   * is persisted and then relayed like a client's change.
   */
  write(change: (doc: Y.Doc) => void, origin: unknown = SERVER_ORIGIN): void {
    if (this.state !== "open") throw new RoomClosedError(`room ${this.name} is not open`);
    const doc = this.doc;
    doc.transact(() => change(doc), origin);
  }

  onSyncStep1(connection: SyncConnection, stateVector: Uint8Array): void {
    if (this.state !== "open") return;
    // Decoded here, so garbage throws into the connection, which closes with 4400.
    const clientState = readStateVector(stateVector);
    // What is stored now, and nothing else: updates stored later reach this client by relay.
    const capture = this.stored.capture();
    const previous = this.answering.get(connection);
    const waiting: Answering = { frames: previous?.frames ?? [], bytes: previous?.bytes ?? 0, chain: Promise.resolve() };
    const chain = (previous?.chain ?? Promise.resolve())
      .then(() => answerFor(capture, clientState, stateVector, this.offload.diff))
      .then(
        (answer) => {
          if (answer.kind === "stored-bytes") this.stats.syncFromStored += 1;
          else this.stats.syncDiffs += 1;
          this.stats.syncPartsSkipped += answer.skipped;
          if (!this.builtDoc) this.stats.syncBeforeBuild += 1;
          const last = answer.parts.length - 1;
          answer.parts.forEach((part, i) => {
            this.stats.syncAnswerBytes += part.byteLength;
            connection.send(i === last ? encodeSyncStep2(part) : encodeUpdate(part), true);
          });
        },
        (error: unknown) => {
          this.options.logger?.warn("sync: answering a client failed", { doc: this.name, error: String(error) });
          connection.close(CloseCode.TryAgainLater);
        },
      )
      .finally(() => {
        // A later sync step 1 of the same client took over the waiting frames.
        if (this.answering.get(connection) !== waiting) return;
        this.answering.delete(connection);
        for (const frame of waiting.frames) connection.send(frame);
      });
    waiting.chain = chain;
    this.answering.set(connection, waiting);
  }

  onUpdate(connection: SyncConnection, update: Uint8Array): void {
    if (this.state !== "open") return;
    if (this.options.replication?.role === "replica") {
      // An empty update (a client answering "nothing new") needs no confirmation.
      if (update.byteLength > 2) this.awaitCommit(connection, update);
      return this.options.replication.forward(update, connection);
    }
    if (!this.ready) return this.hold(connection, update);
    this.apply(connection, update);
  }

  /** Owner: a client's update that another instance forwarded, applied like a local client's. */
  receiveForwarded(update: Uint8Array, writer: RemoteWriter): void {
    if (this.state !== "open" || this.isReplica) return;
    if (!this.ready) return this.hold(writer, update);
    this.apply(writer, update);
  }

  /**
   * Replica: an update the owner committed. Taken in sequence order: a duplicate is ignored,
   * a gap (a message lost, or too big to carry its bytes) is filled from the store.
   */
  receiveCommitted(message: CommittedUpdate): void {
    if (!this.isReplica) return;
    this.remoteChain = this.remoteChain
      .then(() => this.takeCommitted(message))
      .catch((error: unknown) => this.options.logger?.warn("sync: taking a committed update failed", { doc: this.name, error: String(error) }));
  }

  /**
   * Replica: read what the owner committed that this room has not seen (after the relay lost
   * messages, or a compaction): from the store, the truth. Resolves once it is relayed.
   */
  catchUp(): Promise<void> {
    if (!this.isReplica) return Promise.resolve();
    this.remoteChain = this.remoteChain
      .then(() => this.readStore())
      .catch((error: unknown) => this.options.logger?.warn("sync: catching up from the store failed", { doc: this.name, error: String(error) }));
    return this.remoteChain;
  }

  /**
   * Replica: asks writable clients for what they hold that the store lacks (sync step 1 with
   * the stored state vector): after a new owner took over, updates forwarded to the old one
   * may be lost, and clients send them again. Only `connection` when given.
   */
  askClients(connection?: SyncConnection): void {
    if (!this.isReplica || this.state !== "open") return;
    const frame = encodeSyncStep1(this.stored.stateVector());
    for (const c of connection ? [connection] : this.connections()) if (!c.readOnly) c.send(frame);
  }

  /** Replica, now and then: asks again the clients whose forwarded update was never seen committed. */
  replicaTick(): void {
    if (!this.isReplica) return;
    const now = this.clock();
    for (const [connection, { since }] of [...this.unconfirmed]) {
      if (now - since < FORWARD_CONFIRM_MS) continue;
      this.unconfirmed.delete(connection);
      this.askClients(connection);
    }
  }


  onAwareness(connection: SyncConnection, update: Uint8Array): void {
    // Read-only connections publish presence too: it is ephemeral, never stored, and bounded.
    if (this.state !== "open" || !this.presence.admit(connection, update)) return;
    applyAwarenessUpdate(this.awareness, update, connection);
  }

  onQueryAwareness(connection: SyncConnection): void {
    const clients = [...this.awareness.getStates().keys()];
    connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
  }

  onConnectionClosed(connection: SyncConnection): void {
    const clients = this.connectionClients.get(connection);
    if (!clients) return;
    this.connectionClients.delete(connection);
    this.answering.delete(connection);
    this.unconfirmed.delete(connection);
    this.presence.release(connection);
    if (this.state !== "open") return;
    if (clients.size > 0) removeAwarenessStates(this.awareness, [...clients], null);
    if (this.connectionClients.size === 0) this.options.onIdle?.(this);
  }

  /**
   * Replaces the stored updates with one snapshot, merged in a worker from the stored bytes
   * (never from the live doc): through the last update stored now, while later appends go
   * on and are kept. Failures are logged, never fatal: the updates stay.
   */
  compact(): Promise<boolean> {
    if (this.isReplica) return Promise.resolve(false); // the owner compacts
    if (this.compacting) return this.compacting;
    if (this.state === "broken" || this.state === "closed") return Promise.resolve(false);
    if (this.stored.tailLength === 0 && this.queue.pending === 0) return Promise.resolve(false);
    const run = this.prepareAndCompact();
    this.compacting = run;
    void run.finally(() => {
      if (this.compacting === run) this.compacting = undefined;
    });
    return run;
  }

  /**
   * Unloads the room: closes its connections with `code`, waits until every applied
   * change is durable, compacts (unless `compact` is false: a shutdown with a deadline leaves
   * that to the next load), and frees the doc.
   */
  close(code: CloseCodeValue = CloseCode.GoingAway, compact = true): Promise<void> {
    if (this.closing) return this.closing;
    if (this.state !== "open") return Promise.resolve();
    this.state = "closing";
    if (this.buildTimer) clearTimeout(this.buildTimer);
    for (const connection of this.connections()) connection.close(code);
    this.closing = this.finishClose(compact);
    return this.closing;
  }

  /** Built, and `onBuilt` done: client updates may be applied. */
  private get ready(): boolean {
    return this.builtDoc !== undefined && this.building === undefined;
  }

  private build(): Promise<Y.Doc> {
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.buildTimer = undefined;
    const started = performance.now();
    const doc = new Y.Doc(this.hooks.gcFilter ? { gcFilter: this.hooks.gcFilter } : {});
    const capture = this.stored.capture();
    // Applied before the `update` listener exists: stored updates are not stored again.
    doc.transact(() => {
      if (capture.snapshot) Y.applyUpdate(doc, capture.snapshot.update, LOADED_FROM_STORE);
      for (const entry of capture.tail) Y.applyUpdate(doc, entry.update, LOADED_FROM_STORE);
    }, LOADED_FROM_STORE);
    this.stats.docsBuilt += 1;
    this.stats.buildMs += performance.now() - started;
    this.builtDoc = doc;
    doc.on("update", this.onDocUpdate);
    doc.on("afterTransaction", this.onAfterTransaction);
    return this.finishBuild(doc);
  }

  private async finishBuild(doc: Y.Doc): Promise<Y.Doc> {
    try {
      await this.options.onBuilt?.(this);
    } catch (error) {
      this.options.logger?.error("sync: preparing a built room failed; closing it", { doc: this.name, error: String(error) });
      // Not awaited: the close waits for this build.
      if (this.state === "open") {
        void this.close(CloseCode.InternalError);
        this.options.onBroken?.(this, error);
      }
      throw error;
    }
    this.building = undefined;
    if (this.state !== "open" && this.state !== "closing") return doc;
    // Deletions stored before witnesses existed: one witness stored after them lets the
    // snapshot that merges them be left out for clients that hold it.
    if (!this.stored.witnessed) writeWitness(doc, WITNESS_ORIGIN);
    // Even those of a client that left meanwhile: they arrived, so they are kept.
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const { connection, update } of held) this.apply(connection, update);
    if (this.state !== "open") return doc;
    for (const connection of this.connections()) if (!connection.readOnly) connection.send(encodeSyncStep1(doc));
    if (this.stored.tailLength > this.options.compactEvery) {
      // A long log makes every load slow: compact soon, but not while the first clients are
      // being answered (its edit-log clean-up is a change they would all be sent).
      setTimeout(() => {
        if (this.state === "open") void this.compact();
      }, COMPACT_AFTER_BUILD_MS).unref();
    }
    return doc;
  }

  private hold(connection: SyncConnection | RemoteWriter, update: Uint8Array): void {
    if (this.heldBytes + update.byteLength > MAX_HELD_BYTES) {
      // Nothing is lost: the client keeps its changes and sends them again when it reconnects
      // (a remote one when its instance asks it again).
      if (connection instanceof SyncConnection) connection.close(CloseCode.TryAgainLater);
      return;
    }
    this.held.push({ connection, update });
    this.heldBytes += update.byteLength;
    this.stats.updatesHeld += 1;
    // A writer is waiting: build now rather than after the delay.
    void this.built().catch(() => undefined);
  }

  private apply(connection: SyncConnection | RemoteWriter, update: Uint8Array): void {
    const doc = this.doc;
    const filterPush = this.hooks.filterPush;
    if (!filterPush) {
      Y.applyUpdate(doc, update, connection);
      return;
    }
    // One transaction for the update and its repair: the store and the other clients only
    // ever get the repaired update, never the damage alone (not even across a crash).
    Y.transact(
      doc,
      (transaction) => {
        Y.applyUpdate(doc, update, connection);
        let changed = false;
        const started = performance.now();
        try {
          changed = filterPush({ doc, transaction, connection });
        } catch (error) {
          // A guard bug must not cost the client its stream: the update goes on unrepaired.
          this.stats.guardFailures += 1;
          this.options.logger?.error("sync: the push guard failed", { doc: this.name, error: String(error) });
        }
        this.stats.guardRuns += 1;
        this.stats.guardMs += performance.now() - started;
        if (changed) {
          this.repaired.add(transaction);
          this.stats.guardRepairs += 1;
          // The sender holds its own structs but maybe not the repair (it may leave before the
          // echo): a struct of the server in the same update keeps a later sync answer from
          // leaving the update out for it (see `deletion-witness.ts`).
          writeWitness(doc, WITNESS_ORIGIN);
        }
      },
      connection,
      false,
    );
  }

  private async prepareAndCompact(): Promise<boolean> {
    const doc = this.ready ? this.builtDoc : undefined;
    if (doc && this.options.beforeCompact && !this.prepared && this.state !== "broken") {
      this.prepared = true;
      try {
        doc.transact(() => this.options.beforeCompact?.(doc), SERVER_ORIGIN);
      } catch (error) {
        this.options.logger?.warn("sync: preparing a compaction failed", { doc: this.name, error: String(error) });
      }
    }
    try {
      await this.queue.drained();
    } catch {
      return false; // `fail` closed the room
    }
    const capture = this.stored.capture();
    if (capture.tail.length === 0) return false;
    try {
      const snapshot = await this.offload.compact({
        snapshot: capture.snapshot ? { update: capture.snapshot.update, witnessed: capture.snapshot.witnessed } : undefined,
        updates: capture.tail.map((entry) => ({ update: entry.update, witnessed: entry.witnessed !== false })),
        gc: this.options.gc ?? "plain",
      });
      // Exactly what was merged: appends stored meanwhile have later numbers and stay.
      const fence = this.options.replication?.fence;
      if (fence) await this.options.store.compactDoc(this.name, snapshot, capture.lastSeq, fence);
      else await this.options.store.compactDoc(this.name, snapshot, capture.lastSeq);
      this.stored.compacted({ seq: capture.lastSeq, ...snapshot });
      this.stats.compactions += 1;
      this.options.replication?.compacted(capture.lastSeq);
      this.prepared = false;
      if (!snapshot.witnessed && this.ready && this.state === "open") writeWitness(this.doc, WITNESS_ORIGIN);
      return true;
    } catch (error) {
      this.stats.compactionFailures += 1;
      this.options.logger?.warn("sync: compaction failed; updates kept", { doc: this.name, error: String(error) });
      return false;
    }
  }

  private async finishClose(compact: boolean): Promise<void> {
    if (this.held.length > 0 || this.building) {
      try {
        await this.built(); // applies the held client updates, which the drain below stores
      } catch {
        // `finishBuild` logged it; what was stored before stays as it was
      }
    }
    try {
      // Server-side writers may still add changes while the first ones drain.
      while (this.queue.pending > 0) await this.queue.drained();
    } catch {
      return; // `fail` already logged, closed and destroyed the room
    }
    await this.compacting; // a background compaction may have started before the close
    if (compact) await this.compact();
    this.state = "closed";
    this.destroy();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (this.state !== "open" && this.state !== "closing") return;
    const audit = this.hooks.journal?.(transaction);
    this.queue.push({ update, origin, ...(audit ? { audit } : {}), ...(this.repaired.has(transaction) ? { echo: true } : {}) });
  };

  /** A change that deleted without adding a struct gets a witness (see `deletion-witness.ts`). */
  private readonly onAfterTransaction = (transaction: Y.Transaction, doc: Y.Doc): void => {
    if (transaction.origin === LOADED_FROM_STORE || transaction.origin === WITNESS_ORIGIN) return;
    if (this.state !== "open" && this.state !== "closing") return;
    if (needsWitness(transaction)) writeWitness(doc, WITNESS_ORIGIN);
  };

  private readonly onAwarenessChange = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = this.connectionClients.get(origin as SyncConnection);
    if (clients) {
      for (const id of change.added) clients.add(id);
      for (const id of change.removed) clients.delete(id);
    }
    const changed = [...change.added, ...change.updated, ...change.removed];
    const frame = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
    // Echoed to the sender too: the stock client counts its own awareness coming back
    // as a sign of life and reconnects after 30 s without any message.
    for (const connection of this.connectionClients.keys()) connection.send(frame);
  };

  private relay(batch: PersistedBatch): void {
    this.stats.recordBatch(batch.entries.length, batch.bytes, batch.latencyMs);
    for (const { update, origin, echo, seq } of batch.entries) {
      this.stored.append(seq, update);
      this.broadcast(encodeUpdate(update), echo || !(origin instanceof SyncConnection) ? undefined : origin);
    }
    this.options.replication?.committed(batch.entries);
    if (this.state === "open" && this.stored.tailLength > this.options.compactEvery && this.queue.pending === 0) {
      void this.compact();
    }
  }

  /** Sends a frame to every connection but `except`, after any answer it is waiting for. */
  private broadcast(frame: Uint8Array, except?: SyncConnection): void {
    for (const connection of this.connectionClients.keys()) {
      if (connection === except) continue;
      const waiting = this.answering.get(connection);
      if (!waiting) {
        connection.send(frame);
        continue;
      }
      waiting.frames.push(frame);
      waiting.bytes += frame.byteLength;
      if (waiting.bytes > MAX_ANSWER_BACKLOG_BYTES) connection.close(CloseCode.TryAgainLater);
    }
  }

  private async takeCommitted(message: CommittedUpdate): Promise<void> {
    if (this.state !== "open" || message.seq <= this.stored.lastSeq) return;
    if (message.seq !== this.stored.lastSeq + 1 || !message.update) {
      this.stats.relayGapsRepaired += 1;
      return this.readStore();
    }
    this.stored.append(message.seq, message.update);
    this.stats.recordRelayed(message.at === undefined ? undefined : Date.now() - message.at);
    const sender = message.origin === undefined ? undefined : this.connections().find((c) => c.id === message.origin);
    this.confirm(message.update);
    this.broadcast(encodeUpdate(message.update), message.echo ? undefined : sender);
  }

  /**
   * Replica: a client's update is on its way to the owner; see its structs committed, or ask
   * again. Deletions alone are not awaited: a client answering a sync step 1 sends its whole
   * delete set every time, which the owner mostly holds already and so never commits;
   * awaiting that asked the client again every few seconds for as long as it stayed. (The
   * PWA never deletes without writing: it clears a field with null.)
   */
  private awaitCommit(connection: SyncConnection, update: Uint8Array): void {
    let to: Map<number, number>;
    try {
      to = Y.parseUpdateMeta(update).to;
    } catch {
      return; // not ours to judge: the owner refuses it
    }
    if (to.size === 0) return;
    const entry = this.unconfirmed.get(connection) ?? { since: this.clock(), awaited: new Map<number, number>() };
    for (const [client, clock] of to) if (clock > (entry.awaited.get(client) ?? 0)) entry.awaited.set(client, clock);
    this.unconfirmed.set(connection, entry);
  }

  /**
   * Replica: what a committed update confirms. Not merely "something of this connection was
   * committed": when a forward is lost, the client's next update reaches the owner, whose
   * doc keeps its structs pending (their clocks follow the lost ones) but applies its
   * deletions at once, and commits those from this connection. Confirming on that left the
   * client's edits pending at the owner until the client reconnected. So the structs a
   * connection sent are awaited until committed updates reach their clocks (from whichever
   * connection: a client that came back sends them again on a new one).
   */
  private confirm(update: Uint8Array): void {
    if (this.unconfirmed.size === 0) return;
    let to: Map<number, number>;
    try {
      to = Y.parseUpdateMeta(update).to;
    } catch {
      to = new Map();
    }
    for (const [connection, entry] of [...this.unconfirmed]) {
      for (const [client, clock] of to) if ((entry.awaited.get(client) ?? Infinity) <= clock) entry.awaited.delete(client);
      if (entry.awaited.size === 0) this.unconfirmed.delete(connection);
    }
  }

  private async readStore(): Promise<void> {
    if (this.state !== "open") return;
    const after = await this.options.store.updatesAfter(this.name, this.stored.lastSeq);
    if (this.state !== "open") return;
    if (after) {
      for (const { seq, update } of after) {
        if (seq <= this.stored.lastSeq) continue;
        this.stored.append(seq, update);
        this.stats.relayReadFromStore += 1;
        this.confirm(update);
        this.broadcast(encodeUpdate(update));
      }
      return;
    }
    // A compaction merged some of what this room lacks: take the new snapshot, and give the
    // clients what it holds beyond what they have (every relayed update, i.e. the old state).
    const held = this.stored.stateVector();
    const fresh = await this.options.store.loadStored(this.name);
    if (this.state !== "open" || fresh.lastSeq < this.stored.lastSeq) return;
    const next = new StoredState(fresh);
    const answer = await answerFor(next.capture(), held, Y.encodeStateVector(held), this.offload.diff);
    this.stored = next;
    for (const part of answer.parts) if (part.byteLength > 2) this.broadcast(encodeUpdate(part));
  }

  private fail(error: unknown): void {
    if (this.state === "broken" || this.state === "closed") return;
    this.state = "broken";
    this.stats.persistFailures += 1;
    this.options.logger?.error("sync: persisting an update failed; closing the room for a reload", {
      doc: this.name,
      error: error instanceof Error ? error.message : String(error),
    });
    for (const connection of this.connections()) connection.close(CloseCode.InternalError);
    this.destroy();
    this.options.onBroken?.(this, error);
  }

  private clock(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  private destroy(): void {
    this.options.onClosed?.(this);
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.held = [];
    this.answering.clear();
    this.awareness.off("update", this.onAwarenessChange);
    this.awareness.destroy();
    this.awarenessDoc.destroy();
    const doc = this.builtDoc;
    if (doc) {
      doc.off("update", this.onDocUpdate);
      doc.off("afterTransaction", this.onAfterTransaction);
      doc.destroy();
    }
  }
}

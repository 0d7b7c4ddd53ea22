import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import type { DocStore } from "../storage/store";
import { storedUpdates } from "../storage/stored-doc";
import { CloseCode, type CloseCodeValue } from "./close-codes";
import { SyncConnection, type ConnectionHost, type ConnectionOptions } from "./connection";
import { encodeIntegratedState } from "./integrated-state";
import { PersistQueue, type PersistedBatch } from "./persist-queue";
import { PresenceLimit } from "./presence-limit";
import type { RoomHooks } from "./room-hooks";
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "./protocol";
import type { SyncLogger, SyncSocket } from "./socket";
import { SyncStats } from "./sync-stats";

/** Transaction origin of the updates applied when a room is loaded from storage. */
export const LOADED_FROM_STORE = Symbol("loaded-from-store");
/** Default transaction origin of `DocRoom.write`. */
export const SERVER_ORIGIN = Symbol("server");

/** How long after loading a room with a long update log it is compacted. */
const COMPACT_AFTER_LOAD_MS = 2000;

/** Writing to a room that was unloaded, closed or broken. */
export class RoomClosedError extends Error {
  override readonly name = "RoomClosedError";
}

export interface DocRoomOptions {
  name: string;
  store: DocStore;
  /** Compact in the background once more than this many updates are stored. */
  compactEvery: number;
  stats?: SyncStats;
  logger?: SyncLogger;
  /** Monotonic clock for rate limits and latencies (tests inject one). */
  now?: () => number;
  /** The room has no connection any more (also called by the registry right after loading). */
  onIdle?: (room: DocRoom) => void;
  /** Persisting failed: the room closed its connections with 1011 and is dead. */
  onBroken?: (room: DocRoom, error: unknown) => void;
  /**
   * Runs before a compaction takes its snapshot, e.g. to drop edit-log entries nobody
   * needs any more. Its changes are persisted and relayed like any server write, and the
   * snapshot is taken once they are durable. Failures are logged; the compaction goes on.
   */
  beforeCompact?: (doc: Y.Doc) => void;
  /** The guard, the doc's gcFilter and the audit journal (see `RoomHooks`). */
  hooks?: RoomHooks;
}

type RoomState = "open" | "closing" | "closed" | "broken";

/**
 * One document in memory: its `Y.Doc`, its `Awareness`, its connections, and the
 * durable relay pipeline. Every update, from a client or from the server, is applied
 * to the doc; the doc's `update` event yields the integrated part (duplicates give
 * none); that is appended to the store in order and only then relayed to the other
 * connections. A client therefore never receives an update that is not on disk.
 */
export class DocRoom implements ConnectionHost {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  private readonly presence = new PresenceLimit();
  private readonly connectionClients = new Map<SyncConnection, Set<number>>();
  private readonly queue: PersistQueue;
  private readonly stats: SyncStats;
  private state: RoomState = "open";
  private closing: Promise<void> | undefined;
  private compacting: Promise<boolean> | undefined;
  private storedUpdates: number;
  private lastSeq: number;
  /**
   * The one stored update the doc was loaded from, while the doc has not changed since:
   * then it is the whole state, already on disk, and a new client (empty state vector)
   * gets it as its sync step 2 without encoding a big document again.
   */
  private pristine: Uint8Array | undefined;
  /** `beforeCompact` ran and no compaction has succeeded since (it is not run again). */
  private prepared = false;
  private readonly hooks: RoomHooks;
  /** Transactions in which the guard repaired the sender's update (sent back to it too). */
  private readonly repaired = new WeakSet<Y.Transaction>();

  /** Loads the document's stored snapshot and updates into a new room. */
  static async load(options: DocRoomOptions): Promise<DocRoom> {
    const loaded = await options.store.loadStored(options.name);
    return new DocRoom(options, storedUpdates(loaded), { updates: loaded.updates.length, lastSeq: loaded.lastSeq });
  }

  private constructor(
    private readonly options: DocRoomOptions,
    updates: readonly Uint8Array[],
    stored: { updates: number; lastSeq: number },
  ) {
    this.name = options.name;
    this.stats = options.stats ?? new SyncStats();
    this.storedUpdates = stored.updates;
    this.lastSeq = stored.lastSeq;
    this.hooks = options.hooks ?? {};
    this.doc = new Y.Doc(this.hooks.gcFilter ? { gcFilter: this.hooks.gcFilter } : {});
    // Applied before the `update` listener exists: stored updates are not re-persisted.
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, LOADED_FROM_STORE);
    }, LOADED_FROM_STORE);
    this.pristine = updates.length === 1 ? updates[0] : undefined;
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.queue = new PersistQueue({
      name: this.name,
      store: options.store,
      now: options.now,
      onPersisted: (batch) => this.relay(batch),
      onFailure: (error) => this.fail(error),
    });
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessChange);
    if (this.storedUpdates > options.compactEvery) {
      // A long log makes every load slow: compact soon, but not while the first clients
      // are being answered.
      setTimeout(() => {
        if (this.state === "open") void this.compact();
      }, COMPACT_AFTER_LOAD_MS).unref();
    }
  }

  /** False once the room started unloading, closed or broke; it must not be used then. */
  get isOpen(): boolean {
    return this.state === "open";
  }

  get isBroken(): boolean {
    return this.state === "broken";
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

  /** Updates stored after the snapshot (as `docStats` counts them), as far as this room knows. */
  get storedUpdateCount(): number {
    return this.storedUpdates;
  }

  /** Resolves once every change applied so far is durable (rejects if the store failed). */
  whenPersisted(): Promise<void> {
    return this.queue.drained();
  }

  /**
   * Admits a socket. A writable client is sent sync step 1 (so it uploads what it has
   * that the server lacks); a read-only one is not asked, since its updates are dropped.
   */
  connect(socket: SyncSocket, options: ConnectionOptions): SyncConnection {
    if (this.state !== "open") throw new RoomClosedError(`room ${this.name} is not open`);
    const connection = new SyncConnection(this, socket, options, {
      stats: this.stats,
      logger: this.options.logger,
      now: this.options.now,
    });
    this.connectionClients.set(connection, new Set());
    if (!connection.readOnly) connection.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) connection.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
    return connection;
  }

  /**
   * Runs a server-side change (e.g. review marks) in one transaction. It is persisted
   * and then relayed like a client's change. `doc.transact(fn, origin)` does the same;
   * this also refuses a room that is no longer open.
   */
  write(change: (doc: Y.Doc) => void, origin: unknown = SERVER_ORIGIN): void {
    if (this.state !== "open") throw new RoomClosedError(`room ${this.name} is not open`);
    this.doc.transact(() => change(this.doc), origin);
  }

  onSyncStep1(connection: SyncConnection, stateVector: Uint8Array): void {
    if (this.state !== "open") return;
    // Computed now, sent once everything already applied (and thus in it) is durable.
    const fromStore = this.pristine !== undefined && Y.decodeStateVector(stateVector).size === 0;
    if (fromStore) this.stats.syncFromStored += 1;
    const frame = encodeSyncStep2(fromStore && this.pristine ? this.pristine : encodeIntegratedState(this.doc, stateVector));
    this.queue.drained().then(
      () => connection.send(frame),
      () => undefined, // the store failed: `fail` closed every connection already
    );
  }

  onUpdate(connection: SyncConnection, update: Uint8Array): void {
    if (this.state !== "open") return;
    const filterPush = this.hooks.filterPush;
    if (!filterPush) {
      Y.applyUpdate(this.doc, update, connection);
      return;
    }
    // One transaction for the update and its repair: the store and the other clients only
    // ever get the repaired update, never the damage alone (not even across a crash).
    Y.transact(
      this.doc,
      (transaction) => {
        Y.applyUpdate(this.doc, update, connection);
        let changed = false;
        const started = performance.now();
        try {
          changed = filterPush({ doc: this.doc, transaction, connection });
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
        }
      },
      connection,
      false,
    );
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
    this.presence.release(connection);
    if (this.state !== "open") return;
    if (clients.size > 0) removeAwarenessStates(this.awareness, [...clients], null);
    if (this.connectionClients.size === 0) this.options.onIdle?.(this);
  }

  /**
   * Replaces the stored updates with one snapshot of the doc, through the last
   * persisted sequence number. Only while nothing is pending, so the snapshot is
   * exactly what is on disk. Failures are logged, never fatal: the updates stay.
   */
  compact(): Promise<boolean> {
    if (this.compacting) return this.compacting;
    if (this.state === "broken" || this.state === "closed") return Promise.resolve(false);
    if (this.queue.pending > 0 || this.storedUpdates === 0) return Promise.resolve(false);
    const run = this.prepareAndCompact();
    this.compacting = run;
    void run.finally(() => {
      if (this.compacting === run) this.compacting = undefined;
    });
    return run;
  }

  private async prepareAndCompact(): Promise<boolean> {
    if (this.options.beforeCompact && !this.prepared) {
      this.prepared = true;
      try {
        this.doc.transact(() => this.options.beforeCompact?.(this.doc), SERVER_ORIGIN);
      } catch (error) {
        this.options.logger?.warn("sync: preparing a compaction failed", { doc: this.name, error: String(error) });
      }
      try {
        await this.queue.drained();
      } catch {
        return false; // `fail` closed the room
      }
    }
    // Only while nothing is pending, so the snapshot is exactly what is on disk; under
    // continuous writes a later batch tries again.
    if (this.queue.pending > 0 || this.state === "broken" || this.state === "closed") return false;
    const compacted = await this.runCompaction(Y.encodeStateAsUpdate(this.doc), this.lastSeq, this.storedUpdates);
    if (compacted) this.prepared = false;
    return compacted;
  }

  /**
   * Unloads the room: closes its connections with `code`, waits until every applied
   * change is durable, compacts, and frees the doc.
   */
  close(code: CloseCodeValue = CloseCode.GoingAway): Promise<void> {
    if (this.closing) return this.closing;
    if (this.state !== "open") return Promise.resolve();
    this.state = "closing";
    for (const connection of this.connections()) connection.close(code);
    this.closing = this.finishClose();
    return this.closing;
  }

  private async finishClose(): Promise<void> {
    try {
      // Server-side writers may still add changes while the first ones drain.
      while (this.queue.pending > 0) await this.queue.drained();
    } catch {
      return; // `fail` already logged, closed and destroyed the room
    }
    await this.compacting; // a background compaction may have started before the close
    await this.compact();
    this.state = "closed";
    this.destroy();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    this.pristine = undefined;
    if (this.state !== "open" && this.state !== "closing") return;
    const audit = this.hooks.journal?.(transaction);
    this.queue.push({ update, origin, ...(audit ? { audit } : {}), ...(this.repaired.has(transaction) ? { echo: true } : {}) });
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
    this.lastSeq = batch.seq;
    this.storedUpdates += batch.entries.length;
    this.stats.recordBatch(batch.entries.length, batch.bytes, batch.latencyMs);
    for (const { update, origin, echo } of batch.entries) {
      const frame = encodeUpdate(update);
      for (const connection of this.connectionClients.keys()) {
        if (connection !== origin || echo) connection.send(frame);
      }
    }
    if (this.state === "open" && this.storedUpdates > this.options.compactEvery && this.queue.pending === 0) {
      void this.compact();
    }
  }

  private async runCompaction(snapshot: Uint8Array, throughSeq: number, countBefore: number): Promise<boolean> {
    try {
      await this.options.store.compactDoc(this.name, { update: snapshot, stateVector: Y.encodeStateVector(this.doc), witnessed: false }, throughSeq);
      // Appends that landed meanwhile are kept after the snapshot.
      this.storedUpdates -= countBefore;
      this.stats.compactions += 1;
      return true;
    } catch (error) {
      this.stats.compactionFailures += 1;
      this.options.logger?.warn("sync: compaction failed; updates kept", { doc: this.name, error: String(error) });
      return false;
    }
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

  private destroy(): void {
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

import type * as Y from "yjs";
import type { DocStore } from "../storage/store";
import { CloseCode, SyncCloseError, type CloseCodeValue } from "./close-codes";
import type { ConnectionLimits, SyncConnection } from "./connection";
import { DEFAULT_CONNECTION_LIMITS } from "./connection-limits";
import { DocRoom } from "./doc-room";
import type { RoomHooks } from "./room-hooks";
import type { RemoteWriter, RoomReplication } from "./replication";
import type { GcKind, YjsOffload } from "./yjs-offload";
import type { SyncLogger, SyncSocket } from "./socket";
import { SyncStats, type SyncStatsSnapshot } from "./sync-stats";

export interface RoomRegistryOptions {
  store: DocStore;
  /** Unload a room this long after its last connection left (after draining and compacting). */
  idleUnloadMs: number;
  /** Compact a document in the background once it has more stored updates than this. */
  compactEvery: number;
  /** Runs before each compaction's snapshot (see `DocRoomOptions.beforeCompact`). */
  beforeCompact?: (docName: string, doc: Y.Doc) => void;
  /**
   * The hooks of a document about to be loaded (guard, gcFilter, audit journal), asked
   * once per load, before its doc exists.
   */
  hooksFor?: (docName: string) => RoomHooks | undefined;
  /** The garbage collection of a document's compactions (default "plain"). */
  gcFor?: (docName: string) => GcKind;
  /**
   * Awaited once per room when its doc is built, before any client update is applied to it
   * (attach observers, seed meta…).
   */
  onRoomBuilt?: (room: DocRoom) => void | Promise<void>;
  /** How long after loading a room its doc is built (first syncs meanwhile come from stored bytes). */
  buildDelayMs?: number;
  /** Where diffs for returning clients and compactions run (default: in process). */
  offload?: YjsOffload;
  /**
   * Scaled mode: the document's part in the cluster (owner or replica), asked once per load,
   * and how to plug the room into the bus; `attach`'s result is called when the room closes.
   */
  clusterFor?: (docName: string) => Promise<{ replication: RoomReplication; attach(room: DocRoom): () => void } | undefined>;
  /** A room was unloaded because nobody used it (not when reloaded or broken). */
  onRoomUnloaded?: (docName: string) => void;
  logger?: SyncLogger;
  /** Defaults for every connection; `connect` options override them. */
  limits?: Partial<ConnectionLimits>;
  /** Monotonic clock for rate limits and latencies (tests inject one). */
  now?: () => number;
}

export interface ConnectOptions extends Partial<ConnectionLimits> {
  /** True for viewers and for the review document: the client's updates are dropped. */
  readOnly: boolean;
  /** The authenticated user (opaque to the sync core), exposed as `connection.context`. */
  context: unknown;
}

/**
 * All rooms of one server process: loads each document once however many clients
 * connect at the same moment, unloads idle rooms, and hands rooms to server-side
 * writers. Owns the counters behind `/metrics`.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, DocRoom>();
  private readonly loading = new Map<string, Promise<DocRoom>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<DocRoom, ReturnType<typeof setTimeout>>();
  private readonly counters = new SyncStats();
  private readonly limits: ConnectionLimits;
  private closed = false;

  constructor(private readonly options: RoomRegistryOptions) {
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
  }

  /**
   * Admits an authenticated socket to document `docName`, loading what is stored of it if
   * needed (not building its doc: that happens in the background). Rejects if the registry
   * is closed (`SyncCloseError` 1001) or the document cannot be loaded; the caller (or
   * `serveWebSocket`) then closes the socket.
   */
  async connect(docName: string, socket: SyncSocket, options: ConnectOptions): Promise<SyncConnection> {
    // A room can break or start unloading between its load and this continuation; try a fresh one.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const room = await this.getOrLoadStored(docName);
      if (!room.isOpen) continue;
      this.cancelIdle(room);
      return room.connect(socket, { ...this.limits, ...definedOnly(options) });
    }
    throw new Error(`sync: room ${docName} kept closing while connecting`);
  }

  /** The room if it is loaded and built (for server-side writers that must not load it). */
  room(docName: string): DocRoom | undefined {
    const room = this.rooms.get(docName);
    return room?.isBuilt && room.isOpen ? room : undefined;
  }

  /**
   * The room with its doc built, loaded and built if needed (for server-side writers and
   * readers). Write synchronously after the await: a room without connections unloads
   * after `idleUnloadMs`.
   */
  async getOrLoad(docName: string): Promise<DocRoom> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const room = await this.getOrLoadStored(docName);
      try {
        await room.built();
      } catch (error) {
        if (room.isOpen) throw error;
        continue; // it closed or broke meanwhile: a fresh one
      }
      if (room.isOpen) return room;
    }
    throw new Error(`sync: room ${docName} kept closing while building`);
  }

  /** The room with what is stored of its document, its doc built or not. */
  private getOrLoadStored(docName: string): Promise<DocRoom> {
    if (this.closed) return Promise.reject(new SyncCloseError(CloseCode.GoingAway));
    const room = this.rooms.get(docName);
    if (room) return Promise.resolve(room);
    const pending = this.loading.get(docName);
    if (pending) return pending;
    const loading = this.load(docName).finally(() => this.loading.delete(docName));
    this.loading.set(docName, loading);
    return loading;
  }

  /**
   * Closes a loaded room with `code` (its clients come back and load it afresh): scaled mode,
   * when this instance gained or lost the document's ownership.
   */
  reload(docName: string, code: CloseCodeValue = CloseCode.ServiceRestart): void {
    const room = this.rooms.get(docName);
    if (!room) return;
    this.cancelIdle(room);
    this.rooms.delete(docName);
    const done: Promise<void> = room
      .close(code)
      .catch((error: unknown) => this.options.logger?.error("sync: reloading a room failed", { doc: docName, error: String(error) }))
      .finally(() => {
        if (this.unloading.get(docName) === done) this.unloading.delete(docName);
      });
    this.unloading.set(docName, done);
  }

  /**
   * Scaled mode, the owner: a client update another instance forwarded. The document is
   * loaded if it is not (its clients may all be on other instances), and forwarded writes
   * keep it loaded as connections do. A room loaded as replica (this instance no longer
   * owns the roster) drops it: the sender asks its client again when it sees no commit.
   */
  async receiveForwarded(docName: string, update: Uint8Array, writer: RemoteWriter): Promise<void> {
    const room = await this.getOrLoadStored(docName);
    if (room.isReplica) return;
    if (room.connectionCount === 0) this.scheduleIdle(room);
    room.receiveForwarded(update, writer);
  }

  /** Whether the loaded room of `docName` is a replica (scaled mode: another instance owns it). */
  isReplica(docName: string): boolean {
    return this.rooms.get(docName)?.isReplica === true;
  }

  /** The loaded room, built or not (periodic work of scaled mode). */
  loadedRoom(docName: string): DocRoom | undefined {
    return this.rooms.get(docName);
  }


  /** Counters for `/metrics`. */
  stats(): SyncStatsSnapshot {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connectionCount;
    return this.counters.snapshot(this.rooms.size, connections);
  }

  /**
   * Stops admitting, closes every socket with `code` (1001 by default; 1012 when the server
   * restarts) and drains every pipeline. It does not compact: a shutdown has a deadline, and a
   * compaction of a large roster (a build in the worker) is the next load's business.
   */
  async close(code: CloseCodeValue = CloseCode.GoingAway): Promise<void> {
    this.closed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all(rooms.map((room) => room.close(code, false)));
    await Promise.all([...this.unloading.values()]);
  }

  private async load(docName: string): Promise<DocRoom> {
    // The previous instance of this document must finish draining and compacting first.
    await this.unloading.get(docName);
    const hooks = this.options.hooksFor?.(docName);
    const { onRoomBuilt, beforeCompact, offload, buildDelayMs } = this.options;
    const cluster = await this.options.clusterFor?.(docName);
    // Set once the room exists; the room may close (and call it) any time after.
    const attached: { detach?: () => void } = {};
    const room = await DocRoom.load({
      ...(cluster ? { replication: cluster.replication } : {}),
      onClosed: () => attached.detach?.(),
      name: docName,
      ...(hooks ? { hooks } : {}),
      store: this.options.store,
      compactEvery: this.options.compactEvery,
      gc: this.options.gcFor?.(docName) ?? "plain",
      ...(offload ? { offload } : {}),
      ...(buildDelayMs !== undefined ? { buildDelayMs } : {}),
      stats: this.counters,
      logger: this.options.logger,
      now: this.options.now,
      onIdle: (idle) => this.scheduleIdle(idle),
      onBroken: (broken) => this.forget(broken),
      ...(onRoomBuilt ? { onBuilt: onRoomBuilt } : {}),
      ...(beforeCompact ? { beforeCompact: (doc: Y.Doc) => beforeCompact(docName, doc) } : {}),
    });
    if (this.closed) {
      await room.close();
      throw new SyncCloseError(CloseCode.GoingAway);
    }
    if (cluster) attached.detach = cluster.attach(room);
    this.rooms.set(docName, room);
    // Also for a room loaded by a server-side writer only: it must unload some day.
    this.scheduleIdle(room);
    return room;
  }

  private scheduleIdle(room: DocRoom): void {
    if (this.closed || this.rooms.get(room.name) !== room) return;
    this.cancelIdle(room);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      if (room.connectionCount === 0 && this.rooms.get(room.name) === room) this.unload(room);
    }, this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private cancelIdle(room: DocRoom): void {
    const timer = this.idleTimers.get(room);
    if (timer !== undefined) clearTimeout(timer);
    this.idleTimers.delete(room);
  }

  private unload(room: DocRoom): void {
    this.reload(room.name, CloseCode.GoingAway);
    void this.unloading.get(room.name)?.then(() => {
      if (!this.rooms.has(room.name)) this.options.onRoomUnloaded?.(room.name);
    });
  }

  private forget(room: DocRoom): void {
    this.cancelIdle(room);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
  }
}

/** Drops keys set to `undefined`, so `{ maxMessageBytes: undefined }` keeps the default. */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

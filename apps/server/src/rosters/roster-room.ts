import type { RosterRecords } from "@roster/doc";
import type { Roster } from "@roster/schema";
import { RoomClosedError, syncDocName, type ConnectOptions, type RoomRegistry, type SyncConnection, type SyncDocKind, type SyncSocket } from "../sync";

/** What a `RosterRoom` needs from the hub that owns the rooms. */
export interface RosterRoomHost {
  readonly registry: RoomRegistry;
  /** The records document, loaded with its guard, audit journal and marks attached. */
  records(rosterId: string): Promise<RosterRecords>;
  /** Makes sure the review document names its roster. */
  ensureMeta(roster: Roster): Promise<void>;
  /** Logs background work that failed. */
  reportFailure(event: string, error: unknown): void;
}

/**
 * One roster as the rest of the server uses it: its records document, connections to
 * either of its two documents, and server-side changes. Callers never build document
 * names nor reach into the room registry. A light handle: ask the hub for one whenever
 * needed (`hub.roster(roster)`); the documents load on first use and unload when idle.
 */
export class RosterRoom {
  constructor(
    readonly roster: Roster,
    private readonly host: RosterRoomHost,
  ) {}

  get id(): string {
    return this.roster.id;
  }

  /** Whether the records document is in memory now (nothing is loaded to answer). */
  get loaded(): boolean {
    return this.host.registry.room(syncDocName("records", this.id))?.isOpen === true;
  }

  /** The typed records document, loaded if needed. */
  records(): Promise<RosterRecords> {
    return this.host.records(this.id);
  }

  /**
   * Admits an authenticated socket to one of the roster's documents. It is answered from
   * what is stored at once; the documents are built in the background, with everything
   * they need (the review document's meta; the records document's guard, audit and
   * marks) in place before any client update is applied.
   */
  async connect(kind: SyncDocKind, socket: SyncSocket, options: ConnectOptions): Promise<SyncConnection> {
    const connection = await this.host.registry.connect(syncDocName(kind, this.id), socket, options);
    // Not awaited: a roster whose meta is not written yet gets it relayed a moment later.
    if (kind === "review") void this.host.ensureMeta(this.roster).catch((error: unknown) => this.host.reportFailure("roster.meta_failed", error));
    return connection;
  }

  /**
   * Runs `work` now, synchronously, with a writer into the records document (each call of
   * `write` is one transaction with the given origin: persisted, relayed and audited like
   * a client's change), then resolves once all of it is durable. Call it right after
   * `await records()`, with no await between: then `work` sees the document exactly as
   * its writes find it.
   */
  change<T>(work: (write: (change: () => void, origin: unknown) => void) => T): Promise<T> {
    const room = this.host.registry.room(syncDocName("records", this.id));
    if (!room?.isOpen) return Promise.reject(new RoomClosedError(`records of ${this.id} are not loaded`));
    const result = work((change, origin) => room.write(change, origin));
    return room.whenPersisted().then(() => result);
  }
}

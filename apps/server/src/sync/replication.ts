import type { SyncConnection } from "./connection";
import type { WriteFence } from "../storage/store";
import type { PersistedUpdate } from "./persist-queue";

/**
 * A client of another instance whose update was forwarded to this one, the document's owner.
 * It is the Yjs transaction origin of that update, like a `SyncConnection` is for a local
 * client: the guard and the audit read the user from `context`.
 */
export class RemoteWriter {
  constructor(
    /** The user the other instance authenticated (JSON). */
    readonly context: unknown,
    /** The instance the client is connected to, and its connection there. */
    readonly instance: string,
    readonly connection: string,
  ) {}
}

/** A committed update as another instance hears of it (the bytes may have to be read from the store). */
export interface CommittedUpdate {
  seq: number;
  update?: Uint8Array;
  /** The connection (of the receiving instance) that sent it: it gets it back only when `echo`. */
  origin?: string;
  echo?: boolean;
  /** When the owner committed it (ms since the epoch), if the message says. */
  at?: number;
}

/**
 * How a room takes part in a cluster of instances (scaled mode). Absent in embedded mode,
 * where the one process owns every document. A room is either the document's owner (it
 * builds the doc, applies and stores every change, then publishes it) or a replica (it
 * serves its clients from the stored bytes, forwards their updates to the owner and relays
 * what the owner committed). The role is fixed for the life of a room: an instance that
 * gains or loses ownership reloads the room.
 */
export interface RoomReplication {
  readonly role: "owner" | "replica";
  /** Owner: the ownership every write is made under; the store refuses it after a takeover. */
  readonly fence?: WriteFence;
  /** Replica: a client's update for the owner. Best effort: the client keeps it until it sees it relayed, and sends it again when asked (sync step 1). */
  forward(update: Uint8Array, connection: SyncConnection): void;
  /** Owner: updates just made durable, in order, for the other instances. */
  committed(entries: readonly PersistedUpdate[]): void;
  /** Owner: a snapshot replaced the stored updates through `throughSeq`. */
  compacted(throughSeq: number): void;
}

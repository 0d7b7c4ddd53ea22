/**
 * How server instances tell each other about documents in scaled mode, independent of the
 * transport (`redis-bus.ts` in production, `memory-bus.ts` in unit tests).
 *
 * Every message is a hint: PostgreSQL is the truth. A message may be lost, duplicated after
 * a reconnect, or arrive without its update bytes; callers order committed updates by `seq`,
 * read gaps from the store, and re-read everything they watch on `onResync` (README.md).
 */

/** Who sent an update to the owner: an instance and one of its connections. */
export interface RemoteOrigin {
  instance: string;
  connection: string;
}

/** A committed update of a document, as the owner publishes it after the commit. */
export interface CommittedMessage {
  doc: string;
  /** The document's sequence number of this update: commit order, gap-free. */
  seq: number;
  /** Absent when it was too big for the bus (`maxUpdateBytes`): read it from the store. */
  update?: Uint8Array;
  origin?: RemoteOrigin;
  echo?: boolean;
  /** When the owner committed it (ms since the epoch, its clock): for the relay-lag metric. */
  at?: number;
}

/** A client's update forwarded to the document's owner, with who sent it. */
export interface ForwardedMessage {
  doc: string;
  origin: RemoteOrigin;
  /** JSON-serialisable: the authenticated user. */
  context: unknown;
  update: Uint8Array;
}

/**
 * An account changed (a session ended, the user disabled, their role or rosters changed): every
 * instance checks that user's open sync connections against the store again. `doc` is the
 * fixed name of the accounts channel (`ACCOUNTS_DOC`), so every frame names its channel.
 */
export interface AccountMessage {
  doc: string;
  userId: string;
}

/** The name the account messages travel under (no document is called that: theirs have a kind prefix). */
export const ACCOUNTS_DOC = "accounts";

/** A compaction happened: readers may reload the snapshot. */
export interface CompactedMessage {
  doc: string;
  throughSeq: number;
}

export interface WatchHandlers {
  committed(message: CommittedMessage): void;
  compacted(message: CompactedMessage): void;
  /**
   * The subscription is active: messages published from now on reach `committed`. A
   * watcher that read the store before this may have missed a commit in between, so it
   * checks the store's head again here. Called once per `watch` (later losses: `onResync`).
   */
  subscribed?(): void;
}

export interface BusStats {
  /** Messages handed to the transport and accepted by it. */
  published: number;
  /** Well-formed messages received on watched channels. */
  received: number;
  /** Malformed or unknown-version messages, counted and dropped. */
  dropped: number;
  /** Handlers that threw (the message still reached every other handler). */
  handlerErrors: number;
  /** Times the bus got its connection back and called the `onResync` handlers. */
  reconnects: number;
}

export interface RosterBus {
  /** Rejects fast (`BusUnavailableError`) when disconnected: the store has the update anyway. */
  publishCommitted(message: CommittedMessage): Promise<void>;
  /**
   * At most once: a forwarded update may be lost. The sender watches for the committed
   * message carrying its origin and forwards again after a timeout (Yjs updates are
   * idempotent). Rejects with `BusMessageTooLargeError` above `maxForwardBytes`.
   */
  forward(message: ForwardedMessage): Promise<void>;
  publishCompacted(message: CompactedMessage): Promise<void>;
  /** Committed and compacted messages of one document, until the returned function is called. */
  watch(doc: string, handlers: WatchHandlers): () => void;
  /**
   * Forwarded updates of one document (the owner calls this while it owns it). `subscribed`:
   * as in `WatchHandlers`, once the subscription is active.
   */
  receiveForwarded(doc: string, handler: (message: ForwardedMessage) => void, subscribed?: () => void): () => void;
  /**
   * Called after the bus lost its connection and got it back (and every watched channel is
   * subscribed again): messages in between may be lost, so every watcher must re-read from
   * the store, and an owner may publish its documents' heads again.
   */
  onResync(handler: () => void): () => void;
  /** Tells every instance that an account changed (at most once, like every message). */
  publishAccountChange(userId: string): Promise<void>;
  /** Account changes published by any instance (this one included), until the returned function is called. */
  onAccountChange(handler: (userId: string) => void): () => void;
  /** True while connected (for /healthz). */
  readonly healthy: boolean;
  stats(): BusStats;
  close(): Promise<void>;
}

/** The bus cannot carry a message now (disconnected, closed or overloaded): rely on the store. */
export class BusUnavailableError extends Error {
  override readonly name = "BusUnavailableError";
}

/** A message the bus refuses to carry at all: a forwarded update or a name over its bound. */
export class BusMessageTooLargeError extends Error {
  override readonly name = "BusMessageTooLargeError";
}

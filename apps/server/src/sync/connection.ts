import { randomUUID } from "node:crypto";
import { CloseCode, CloseReason, type CloseCodeValue } from "./close-codes";
import { parseMessage } from "./protocol";
import { TokenBucket, type RateLimit } from "./rate-limit";
import type { SyncLogger, SyncSocket } from "./socket";
import type { SyncStats } from "./sync-stats";

/** Per-connection limits; the registry supplies defaults, `connect` may override them. */
export interface ConnectionLimits {
  /** Larger frames close the connection with 4413. */
  maxMessageBytes: number;
  /** Exceeding it closes the connection with 4429. */
  rateLimit: RateLimit;
  /** When the transport reports more unsent bytes than this, the connection is closed with 1013. */
  maxBufferedBytes?: number;
}

export interface ConnectionOptions extends ConnectionLimits {
  /** Viewer role, or the review document: updates from this connection are dropped. */
  readOnly: boolean;
  /** Whoever authenticated the socket (opaque here); read back through `connection.context`. */
  context: unknown;
}

/**
 * What a connection hands its decoded messages to (implemented by `DocRoom`). Kept as
 * an interface so the connection owns limits and parsing, the room owns the document.
 */
export interface ConnectionHost {
  readonly name: string;
  onSyncStep1(connection: SyncConnection, stateVector: Uint8Array): void;
  onUpdate(connection: SyncConnection, update: Uint8Array): void;
  onAwareness(connection: SyncConnection, update: Uint8Array): void;
  onQueryAwareness(connection: SyncConnection): void;
  onConnectionClosed(connection: SyncConnection): void;
}

/** Monotonic clock and observers a connection reports to (tests inject a fake clock). */
export interface ConnectionServices {
  stats?: SyncStats;
  logger?: SyncLogger;
  now?: () => number;
}

/**
 * One client socket in one room. Enforces size and rate limits, decodes frames and
 * drops writes of read-only clients. Never throws out of `onMessage`: anything a
 * client sends wrong closes that client only.
 *
 * The connection object is the Yjs transaction origin of every change it applies,
 * so observers of the room's doc attribute a change with
 * `origin instanceof SyncConnection ? origin.context : …`.
 */
export class SyncConnection {
  /** Names this connection to other instances (the origin of an update forwarded to the owner). */
  readonly id = randomUUID();
  readonly readOnly: boolean;
  readonly context: unknown;
  private readonly bucket: TokenBucket;
  private closeCode: number | undefined;
  private detached = false;

  constructor(
    private readonly host: ConnectionHost,
    private readonly socket: SyncSocket,
    private readonly options: ConnectionOptions,
    private readonly services: ConnectionServices = {},
  ) {
    this.readOnly = options.readOnly;
    this.context = options.context;
    this.bucket = new TokenBucket(options.rateLimit, services.now);
  }

  /** Name of the document this connection syncs. */
  get docName(): string {
    return this.host.name;
  }

  /** True once either side closed the connection. */
  get closed(): boolean {
    return this.detached;
  }

  /** The code the server closed this connection with, if it did. */
  get closedWith(): number | undefined {
    return this.closeCode;
  }

  /** Feeds one binary frame received from the client. */
  onMessage(data: Uint8Array): void {
    if (this.detached) return;
    if (data.byteLength > this.options.maxMessageBytes) return this.close(CloseCode.MessageTooLarge);
    if (!this.bucket.take()) return this.close(CloseCode.RateLimited);
    try {
      const message = parseMessage(data);
      switch (message.kind) {
        case "sync-step-1":
          return this.host.onSyncStep1(this, message.stateVector);
        case "sync-step-2":
        case "update":
          if (this.readOnly) {
            if (this.services.stats) this.services.stats.readOnlyDropped += 1;
            return;
          }
          return this.host.onUpdate(this, message.update);
        case "awareness":
          return this.host.onAwareness(this, message.update);
        case "query-awareness":
          return this.host.onQueryAwareness(this);
      }
    } catch (error) {
      // A malformed update, state vector or awareness payload: the client's fault,
      // and only its own connection pays for it.
      this.services.logger?.warn("sync: closing a connection after a bad message", {
        doc: this.host.name,
        error: error instanceof Error ? error.message : String(error),
      });
      this.close(CloseCode.ProtocolError);
    }
  }

  /** The transport reports that the socket closed (by the peer or after `close`). */
  onClose(): void {
    if (this.detached) return;
    this.detached = true;
    this.host.onConnectionClosed(this);
  }

  /** Sends a frame unless closed; closes a client that stopped reading (backpressure). */
  send(frame: Uint8Array): void {
    if (this.detached) return;
    const buffered = this.socket.bufferedAmount;
    const max = this.options.maxBufferedBytes;
    if (max !== undefined && buffered !== undefined && buffered > max) return this.close(CloseCode.TryAgainLater);
    try {
      this.socket.send(frame);
    } catch (error) {
      this.services.logger?.warn("sync: send failed", { doc: this.host.name, error: String(error) });
      this.close(CloseCode.InternalError);
    }
  }

  /** Closes the socket with `code` and leaves the room at once. */
  close(code: CloseCodeValue, reason: string = CloseReason[code]): void {
    if (this.detached) return;
    this.closeCode = code;
    this.services.stats?.recordClose(code);
    try {
      this.socket.close(code, reason);
    } catch (error) {
      this.services.logger?.warn("sync: socket close failed", { doc: this.host.name, error: String(error) });
    }
    this.onClose();
  }
}

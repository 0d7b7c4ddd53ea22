/**
 * The minimal socket the sync core talks to (after tldraw's `TLSocketRoom`): the core
 * never sees `ws`, HTTP or authentication, so it runs unchanged over any transport and
 * in unit tests with a fake socket.
 */
export interface SyncSocket {
  /** Sends one binary frame. Must not throw once the socket is closing or closed. */
  send(data: Uint8Array): void;
  /** Closes the socket; further `send` calls are ignored. */
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent, when the transport knows it (for backpressure). */
  readonly bufferedAmount?: number;
}

/** Where the sync core reports what goes wrong (`console` fits). */
export interface SyncLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * WebSocket close codes of the sync endpoint, named in one place (after hocuspocus'
 * `CloseEvents`). 4401/4403/4404/4413/4429 are the public contract (DESIGN.md "Sync").
 *
 * The stock y-websocket client treats 4400–4499 as permanent (it stops reconnecting)
 * and everything else as transient, so the codes below are chosen by that meaning:
 * a protocol error will not fix itself by reconnecting (4400), while a server that
 * shuts down, fails to persist, or finds a client too slow invites it back.
 */
export const CloseCode = {
  /** The server is shutting down; the client reconnects (to this or another instance). */
  GoingAway: 1001,
  /**
   * The server is restarting (SIGTERM under a supervisor): every pending change is stored
   * first, and the client reconnects on its own to the restarted server.
   */
  ServiceRestart: 1012,
  /** Storage failed; the room is reloaded from storage and the client resyncs. */
  InternalError: 1011,

  /** The client does not read fast enough (send buffer full); it may reconnect and resync. */
  TryAgainLater: 1013,
  /** An undecodable frame, an unknown message type or a text frame. */
  ProtocolError: 4400,
  /** Missing, invalid or expired token. */
  Unauthorized: 4401,
  /** The user may not access this roster. */
  Forbidden: 4403,
  /** Unknown roster. */
  NotFound: 4404,
  /**
   * The user's access changed but remains (a role or an archived roster now read-only or
   * writable again): outside 4400–4499, so the stock client reconnects and gets the new mode.
   */
  AccessChanged: 4000,
  /** A frame above the size limit. */
  MessageTooLarge: 4413,
  /** More messages than the rate limit allows. */
  RateLimited: 4429,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/**
 * Short machine-readable reasons sent with each code (a close reason is at most 123
 * bytes). The web app maps codes to Vietnamese/English text; these are for logs.
 */
export const CloseReason: Readonly<Record<CloseCodeValue, string>> = {
  [CloseCode.GoingAway]: "server shutting down",
  [CloseCode.ServiceRestart]: "service restart",
  [CloseCode.InternalError]: "storage error",
  [CloseCode.AccessChanged]: "access changed",
  [CloseCode.TryAgainLater]: "client too slow",
  [CloseCode.ProtocolError]: "protocol error",
  [CloseCode.Unauthorized]: "unauthorized",
  [CloseCode.Forbidden]: "forbidden",
  [CloseCode.NotFound]: "not found",
  [CloseCode.MessageTooLarge]: "message too large",
  [CloseCode.RateLimited]: "rate limited",
};

/**
 * Thrown by whoever admits a socket (the server app's `connect` callback given to
 * `serveWebSocket`) to refuse it with a specific close code, e.g.
 * `throw new SyncCloseError(CloseCode.Forbidden)` for a roster of another commune.
 */
export class SyncCloseError extends Error {
  override readonly name = "SyncCloseError";

  constructor(
    readonly code: CloseCodeValue,
    reason: string = CloseReason[code],
  ) {
    super(reason);
  }
}

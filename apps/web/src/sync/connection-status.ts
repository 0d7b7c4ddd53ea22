/** What the person sees about one roster's connection to the server. */
export type ConnectionStatus =
  | "offline" // no network, or the server cannot be reached: working on local data
  | "connecting"
  | "online" // connected and the initial exchange done
  | "expired" // 4401: log in again; local edits are kept
  | "forbidden" // 4403
  | "not-found" // 4404
  | "too-large" // 4413
  | "rate-limited"; // 4429: retried later

/** Close codes of the sync endpoint (DESIGN.md "Sync"). */
export const SyncCloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  MessageTooLarge: 4413,
  RateLimited: 4429,
} as const;

const TERMINAL: ReadonlyMap<number, ConnectionStatus> = new Map([
  [SyncCloseCode.Unauthorized, "expired"],
  [SyncCloseCode.Forbidden, "forbidden"],
  [SyncCloseCode.NotFound, "not-found"],
  [SyncCloseCode.MessageTooLarge, "too-large"],
]);

/**
 * The status a close code leaves the connection in, and whether to reconnect by itself.
 * 4401/4403/4404/4413 will not fix themselves; 4429 and every other code (server restart,
 * network loss) are retried with backoff.
 */
export function statusAfterClose(code: number | undefined): { status: ConnectionStatus; reconnect: boolean } {
  const terminal = code === undefined ? undefined : TERMINAL.get(code);
  if (terminal) return { status: terminal, reconnect: false };
  if (code === SyncCloseCode.RateLimited) return { status: "rate-limited", reconnect: true };
  if (code !== undefined && code >= 4400 && code < 4500) return { status: "offline", reconnect: false };
  return { status: "offline", reconnect: true };
}

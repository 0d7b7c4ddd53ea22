import type { ConnectionLimits } from "./connection";

/**
 * The limits every sync connection gets unless configured otherwise (the server's
 * `MAX_MESSAGE_BYTES`, `RATE_LIMIT_PER_SECOND` and `RATE_LIMIT_BURST` default to these).
 * The one explanation of their sizes:
 * - a phone back online sends all its offline changes in one sync message, and an
 *   offline import of 10,000 rows is ≈9 MB of it: 32 MiB leaves room for that plus a day
 *   of edits (the stock client treats 4413 as final, so a phone refused for size would
 *   never sync again);
 * - the stock client sends one message per transaction, an awareness beat every 15 s and
 *   the app a heartbeat every half second; 100 a second with a burst of 1,000 lets a
 *   reconnecting phone replay its queue while a flood from one socket is cut off (4429);
 * - 16 MiB of unsent bytes is a client that does not read; it is closed (1013) before
 *   the server buffers more for it.
 */
export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = {
  maxMessageBytes: 32 * 1024 * 1024,
  rateLimit: { messagesPerSecond: 100, burst: 1000 },
  maxBufferedBytes: 16 * 1024 * 1024,
};

import { isIP } from "node:net";
import { z } from "zod";
import { DEFAULT_CONNECTION_LIMITS } from "./sync/connection-limits";

// The only place that reads process.env. Everything else receives a typed `Env`.

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Loopback by default: put a TLS reverse proxy in front and set HOST=0.0.0.0 to serve phones. */
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  /** postgres://… switches documents, audit and accounts to PostgreSQL (scaled mode). */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Connections this instance opens to PostgreSQL: also how many documents' appends commit
   * at once (each commit is one round trip plus a WAL flush). Mind `max_connections` of
   * the server across every instance.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** redis://… relays updates between several server instances (scaled mode). */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis channel of this deployment, so two deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces").default("roster:"),
  /**
   * Scaled mode (with REDIS_URL): where the other instances reach this one, to forward the
   * API requests of the rosters it owns. Default: http://HOST:PORT as it listens (the
   * machine's host name when HOST is a wildcard such as 0.0.0.0).
   */
  INSTANCE_URL: z.string().url().optional(),
  /** Scaled mode: a roster's owner that stops renewing its lease this long is replaced. */
  LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(60_000).default(6_000),
  /**
   * A fault hook for the scaled-mode tests, never for a running service: after this many
   * committed batches the process kills itself (SIGKILL) between the commit in PostgreSQL
   * and the publish on Redis, as a crash there would.
   */
  FAULT_KILL_BEFORE_PUBLISH: z.coerce.number().int().min(1).optional(),
  /** HMAC secret for tokens; generated and kept in DATA_DIR when absent. */
  TOKEN_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(72),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Largest sync message accepted (4413 above it); why this default: `DEFAULT_CONNECTION_LIMITS`. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_CONNECTION_LIMITS.maxMessageBytes),
  /** Per-connection rate limit (4429 above it): sustained messages per second and burst. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(DEFAULT_CONNECTION_LIMITS.rateLimit.messagesPerSecond),
  RATE_LIMIT_BURST: z.coerce.number().positive().default(DEFAULT_CONNECTION_LIMITS.rateLimit.burst),
  /** A document with no connection is unloaded after this long (after pending writes). */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(60_000),
  /**
   * A roster's document is built (Y.Doc) this long after the roster is first opened: clients
   * that join meanwhile are answered from the stored bytes, and their edits wait for the build.
   */
  DOC_BUILD_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(50),
  /** Stored updates of one document before it is compacted into a snapshot. */
  COMPACT_EVERY: z.coerce.number().int().min(10).default(500),
  /** Wait this long after a change before evaluating, to batch a burst of typing. */
  MARK_DEBOUNCE_MS: z.coerce.number().int().min(0).max(900).default(150),
  /** Folder of the built PWA; served at `/` when it exists. */
  WEB_DIST: z.string().optional(),
  /**
   * SIGTERM/SIGINT: stop within this long. Pending writes are stored first; a change not yet
   * stored when the bound runs out was never relayed nor acknowledged, so its client still
   * holds it and sends it again on reconnect.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Failed logins allowed per username per 15 minutes. */
  LOGIN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /**
   * Reverse proxies (addresses or CIDR ranges, comma separated, e.g. `127.0.0.1,::1`) whose
   * X-Forwarded-For is believed for the client address of the login throttle. Empty: the
   * socket's peer is the client, whatever the header says.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text) => text.split(",").map((entry) => entry.trim()).filter((entry) => entry !== ""))
    .pipe(z.array(z.string().refine((entry) => isIP(entry.split("/")[0] ?? "") !== 0 && /^[^/]+(\/\d{1,3})?$/.test(entry), "an IP address or CIDR range"))),
});
export type Env = z.infer<typeof EnvSchema>;

/** The relay between instances needs the shared database: REDIS_URL without DATABASE_URL is a mistake. */
const EnvChecked = EnvSchema.refine((env) => !env.REDIS_URL || env.DATABASE_URL, {
  path: ["REDIS_URL"],
  message: "REDIS_URL cần DATABASE_URL (nhiều máy chủ dùng chung PostgreSQL) / REDIS_URL needs DATABASE_URL (the instances share PostgreSQL)",
});

/** Reads and checks the environment once; a bad value stops the server with a clear message. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty value (`DATABASE_URL=` in a unit file) means unset, as shells and compose files intend.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = EnvChecked.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The defaults, for tests and embedding: `envFor({ DATA_DIR: tmp, PORT: "0" })`. */
export function envFor(overrides: Record<string, string | undefined>): Env {
  return readEnv({ ...overrides });
}

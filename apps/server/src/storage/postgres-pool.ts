import pg from "pg";
import { StoreConflictError, StoreNotFoundError, type StoreEntity } from "./errors";

/** What the PostgreSQL store lets one server process spend on the database. */
export interface PostgresLimits {
  /** Connections in the pool (default 10): also how many writes run at once. */
  maxConnections?: number;
  /** A statement running longer is cancelled by the server (default 15 s). */
  statementTimeoutMs?: number;
  /** Waiting for a connection (to open, or a free one in the pool) fails after this (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * A transaction idle this long (its process paused or cut off between two statements) is
   * ended by the server, releasing its row locks (default and most: twice the statement
   * timeout). Scaled mode sets the lease's time to live (see `openStore`).
   */
  idleInTransactionMs?: number;
}

/** Something queries can run on: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

/**
 * The pool of one store. Timeouts are set on every connection so that no caller can hold
 * a connection (or the row locks of an open transaction) for long: a stuck statement is
 * cancelled by the server, and a transaction left idle is ended by it.
 */
export function createPool(url: string, limits: PostgresLimits = {}): pg.Pool {
  const statementTimeout = limits.statementTimeoutMs ?? 15_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: limits.maxConnections ?? 10,
    connectionTimeoutMillis: limits.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: Math.min(statementTimeout * 2, limits.idleInTransactionMs ?? Infinity),
    keepAlive: true,
    application_name: "roster-server",
  });
  // An idle connection that breaks (the server restarted, a proxy cut it) is reported
  // here; without a listener that event would end the process. The pool drops it and the
  // next query opens a new one, so there is nothing else to do.
  pool.on("error", () => undefined);
  return pool;
}

/** True when the database answers `SELECT 1` within `timeoutMs` (a saturated pool counts as not answering). */
export async function answersWithin(pool: pg.Pool, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = pool.query<{ one: number }>("SELECT 1 AS one").then(
    ({ rows }) => rows[0]?.one === 1,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PoolSettings {
  statementTimeout: string;
  idleInTransactionTimeout: string;
  applicationName: string;
  maxConnections: number;
}

/** The settings in force on the pool's connections, as PostgreSQL reports them. */
export async function poolSettings(pool: pg.Pool): Promise<PoolSettings> {
  const { rows } = await pool.query<{ s: string; i: string; a: string }>(
    `SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i,
            current_setting('application_name') AS a`,
  );
  const row = rows[0];
  return { statementTimeout: row?.s ?? "", idleInTransactionTimeout: row?.i ?? "", applicationName: row?.a ?? "", maxConnections: pool.options.max };
}

/**
 * Runs `work` in one transaction on one connection of the pool: committed when it
 * resolves, rolled back when it throws (and the error rethrown).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection that breaks while checked out also emits "error" (besides failing the
  // query); the query's rejection is what reports it.
  const ignore = () => undefined;
  client.on("error", ignore);
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        // A connection that cannot roll back is not handed to anyone else.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.off("error", ignore);
    client.release(broken);
  }
}

/** PostgreSQL's error codes (SQLSTATE) the store turns into named errors. */
const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";

function sqlState(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** The constraint a PostgreSQL error names, if any. */
export function constraintOf(error: unknown): string | undefined {
  return error instanceof Error && "constraint" in error && typeof error.constraint === "string" ? error.constraint : undefined;
}

/**
 * A unique key taken by a writer that raced past the store's own check (another instance,
 * or a concurrent call): the same `StoreConflictError` the check would have thrown.
 */
export function conflictOf(error: unknown, entity: StoreEntity, key: string): unknown {
  return sqlState(error) === UNIQUE_VIOLATION ? new StoreConflictError(entity, key) : error;
}

/** A reference to a row that does not exist (or was never there): `StoreNotFoundError`. */
export function notFoundOf(error: unknown, entity: StoreEntity, key: string): unknown {
  return sqlState(error) === FOREIGN_KEY_VIOLATION ? new StoreNotFoundError(entity, key) : error;
}

/** PostgreSQL's text cannot hold U+0000; refuse it before it fails a shared batch. */
export function assertStorableText(value: string, what: string): void {
  if (value.includes("\u0000")) throw new TypeError(`${what} must not contain U+0000`);
}

/** A `bigint` column (which the driver reads as a string) as a number. */
export function toNumber(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** The address of a database without its credentials, for messages and logs. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "(an unparsable DATABASE_URL)";
  }
}

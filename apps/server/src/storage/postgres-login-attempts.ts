import type pg from "pg";
import { assertLimits, inWindow, nextAttempt } from "./login-attempts";
import { inTransaction, toNumber } from "./postgres-pool";
import type { LoginAttemptLimits } from "./store";

/** Taken (try, transaction-scoped) by the one instance trimming the table; the others skip it. */
const PRUNE_LOCK = 0x6c6f67696e; // "login"

/**
 * The login throttle's counters on PostgreSQL, shared by every instance. An attempt locks
 * its key's row (`FOR UPDATE`) for the read-decide-write, so two instances racing for the
 * last attempt of a key take it one after the other and only the first gets it.
 */
export class PostgresLoginAttempts {
  constructor(private readonly pool: pg.Pool) {}

  async count(key: string, limits: LoginAttemptLimits): Promise<{ counted: boolean; count: number }> {
    assertLimits(limits);
    const { result, created } = await inTransaction(this.pool, async (client) => {
      const inserted = await client.query("INSERT INTO login_attempts (key, times, touched) VALUES ($1, '{}', $2) ON CONFLICT (key) DO NOTHING", [
        key,
        limits.at,
      ]);
      const { rows } = await client.query<{ times: string[] }>("SELECT times FROM login_attempts WHERE key = $1 FOR UPDATE", [key]);
      const next = nextAttempt((rows[0]?.times ?? []).map(toNumber), limits);
      if (next.counted) await client.query("UPDATE login_attempts SET times = $2, touched = $3 WHERE key = $1", [key, next.times, limits.at]);
      return { result: { counted: next.counted, count: next.times.length }, created: inserted.rowCount === 1 };
    });
    // Only a new key can grow the table. Trimmed after the attempt's commit, in a
    // transaction of its own: deleting many rows while holding one could deadlock with another instance.
    if (created) await this.#prune(limits);
    return result;
  }

  async attempts(key: string, at: number, windowMs: number): Promise<number> {
    const { rows } = await this.pool.query<{ times: string[] }>("SELECT times FROM login_attempts WHERE key = $1", [key]);
    return inWindow((rows[0]?.times ?? []).map(toNumber), at, windowMs).length;
  }

  async clear(key: string): Promise<void> {
    await this.pool.query("DELETE FROM login_attempts WHERE key = $1", [key]);
  }

  /** Keys whose every attempt is out of the window go, then the least recently counted beyond the cap. */
  async #prune(limits: LoginAttemptLimits): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS got", [PRUNE_LOCK]);
      if (!rows[0]?.got) return;
      await client.query("DELETE FROM login_attempts WHERE touched <= $1", [limits.at - limits.windowMs]);
      await client.query(
        "DELETE FROM login_attempts WHERE key IN (SELECT key FROM login_attempts ORDER BY touched DESC, key OFFSET $1)",
        [limits.maxKeys],
      );
    });
  }
}

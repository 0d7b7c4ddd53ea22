import type { Env } from "../env";
import { PostgresStore } from "./postgres-store";
import { SqliteStore } from "./sqlite-store";
import type { Store } from "./store";

/**
 * The store the configuration asks for: PostgreSQL (scaled mode) when DATABASE_URL is
 * set, otherwise embedded SQLite in DATA_DIR.
 *
 * With REDIS_URL (several instances), no transaction may stay idle longer than a lease's
 * time to live: an owner paused (SIGSTOP, a frozen VM) or cut off inside a fenced write
 * holds the lease row's share lock and the document's row lock, and the instance taking
 * over would wait on them until PostgreSQL ends that transaction (30 s by default, beyond
 * the 10-second takeover). A process stalled that long has lost its lease anyway.
 */
export async function openStore(
  env: Pick<Env, "DATA_DIR" | "DATABASE_URL"> & Partial<Pick<Env, "DATABASE_POOL_SIZE" | "REDIS_URL" | "LEASE_TTL_MS">>,
): Promise<Store> {
  if (env.DATABASE_URL) {
    return PostgresStore.open(env.DATABASE_URL, {
      maxConnections: env.DATABASE_POOL_SIZE ?? 10,
      ...(env.REDIS_URL && env.LEASE_TTL_MS ? { idleInTransactionMs: env.LEASE_TTL_MS } : {}),
    });
  }
  return SqliteStore.open(env.DATA_DIR);
}

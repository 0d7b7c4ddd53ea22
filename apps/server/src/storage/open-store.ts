import type { Env } from "../env";
import { PostgresStore } from "./postgres-store";
import { SqliteStore } from "./sqlite-store";
import type { Store } from "./store";

/**
 * The store the configuration asks for: PostgreSQL (scaled mode) when DATABASE_URL is
 * set, otherwise embedded SQLite in DATA_DIR.
 */
export async function openStore(env: Pick<Env, "DATA_DIR" | "DATABASE_URL"> & Partial<Pick<Env, "DATABASE_POOL_SIZE">>): Promise<Store> {
  if (env.DATABASE_URL) return PostgresStore.open(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE ?? 10 });
  return SqliteStore.open(env.DATA_DIR);
}

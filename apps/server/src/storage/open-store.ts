import type { Env } from "../env";
import { PostgresStore } from "./postgres-store";
import { SqliteStore } from "./sqlite-store";
import type { Store } from "./store";

/**
 * The store the configuration asks for: PostgreSQL (scaled mode) when DATABASE_URL is
 * set, otherwise embedded SQLite in DATA_DIR.
 */
export async function openStore(env: Pick<Env, "DATA_DIR" | "DATABASE_URL">): Promise<Store> {
  if (env.DATABASE_URL) return PostgresStore.open(env.DATABASE_URL);
  return SqliteStore.open(env.DATA_DIR);
}

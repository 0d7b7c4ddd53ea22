import type { Env } from "../env";
import { SqliteStore } from "./sqlite-store";
import type { Store } from "./store";

/** The store the configuration asks for: embedded SQLite in DATA_DIR by default. */
export async function openStore(env: Pick<Env, "DATA_DIR" | "DATABASE_URL">): Promise<Store> {
  if (env.DATABASE_URL) {
    throw new Error(
      "Chế độ PostgreSQL chưa có trong phiên bản này / Scaled mode (DATABASE_URL) is not available in this version; unset DATABASE_URL to use embedded SQLite",
    );
  }
  return SqliteStore.open(env.DATA_DIR);
}

import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/** The app's own IndexedDB database (session, cached roster list, sync bookkeeping). */
export const APP_DB_NAME = "roster-app";

interface AppSchema extends DBSchema {
  /** Small JSON values by key: `session`, `rosters`, `sync:<rosterId>`. */
  kv: { key: string; value: unknown };
}

export type AppDb = IDBPDatabase<AppSchema>;

/**
 * Opens the app database. The connection closes itself when another tab (or the logout
 * wipe) deletes the database, so a delete is never blocked by an idle tab.
 */
export function openAppDb(onClosed: () => void = () => undefined): Promise<AppDb> {
  return openDB<AppSchema>(APP_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("kv");
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onClosed();
    },
    terminated: onClosed,
  });
}

/**
 * Key-value access to the app database; every value is parsed by its reader. The
 * database is opened on first use and again after it was closed (logout deletes it).
 */
export class AppStore {
  private db: Promise<AppDb> | undefined;

  private connection(): Promise<AppDb> {
    this.db ??= openAppDb(() => {
      this.db = undefined;
    });
    return this.db;
  }

  async get(key: string): Promise<unknown> {
    return (await this.connection()).get("kv", key);
  }

  async put(key: string, value: unknown): Promise<void> {
    await (await this.connection()).put("kv", value, key);
  }

  async delete(key: string): Promise<void> {
    await (await this.connection()).delete("kv", key);
  }

  /** Closes the connection (before the database is deleted). */
  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db) (await db).close();
  }
}

import { openDB } from "idb";

/**
 * A small IndexedDB database of the tools screens (the last progress report for offline
 * viewing, the commune name typed on the handover list). Opened per call and closed
 * again, so the logout wipe, which deletes every database of the origin, is never blocked.
 */
export const TOOLS_DB_NAME = "roster-tools";

interface KvStore {
  get(key: string): Promise<unknown>;
  put?: (value: unknown, key: string) => Promise<unknown>;
}

async function withStore<T>(mode: "readonly" | "readwrite", work: (store: KvStore) => Promise<T>): Promise<T> {
  const db = await openDB(TOOLS_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore("kv");
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
    },
  });
  try {
    const tx = db.transaction("kv", mode);
    const result = await work(tx.store);
    await tx.done;
    return result;
  } finally {
    db.close();
  }
}

export function readTool(key: string): Promise<unknown> {
  return withStore("readonly", (store) => store.get(key)).catch(() => undefined);
}

export async function writeTool(key: string, value: unknown): Promise<void> {
  await withStore("readwrite", async (store) => store.put?.(value, key)).catch(() => undefined);
}

import { APP_DB_NAME } from "./app-db";

/** localStorage keys kept after logout: preferences that say nothing about anyone. */
const KEPT_KEYS = new Set(["roster.locale"]);

/** The workbox precache holds only the app shell (code, icons), never data. */
const SHELL_CACHE_PREFIX = "workbox-precache";

export interface WipeTargets {
  indexedDB: IDBFactory;
  localStorage: Storage;
  caches?: CacheStorage;
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`cannot delete ${name}`));
    // `blocked` only means another connection is still closing; success follows.
  });
}

/**
 * Removes every local copy of personal data: all IndexedDB databases of this origin
 * (every roster's records and review documents, the session, sync bookkeeping), every
 * Cache Storage entry except the app shell, and localStorage except the language.
 * `knownDatabases` covers browsers without `indexedDB.databases()`. Close every open
 * connection first (RosterConnection.destroy, AppStore.close).
 */
export async function wipeLocalData(targets: WipeTargets, knownDatabases: readonly string[]): Promise<void> {
  const names = new Set<string>([APP_DB_NAME, ...knownDatabases]);
  if (typeof targets.indexedDB.databases === "function") {
    for (const info of await targets.indexedDB.databases()) if (info.name) names.add(info.name);
  }
  await Promise.all([...names].map((name) => deleteDatabase(targets.indexedDB, name)));

  if (targets.caches) {
    const keys = await targets.caches.keys();
    await Promise.all(keys.filter((k) => !k.startsWith(SHELL_CACHE_PREFIX)).map((k) => targets.caches?.delete(k)));
  }

  const storage = targets.localStorage;
  const doomed: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key !== null && !KEPT_KEYS.has(key)) doomed.push(key);
  }
  for (const key of doomed) storage.removeItem(key);
}

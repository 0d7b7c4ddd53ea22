import { randomBytes } from "node:crypto";
import { envFor } from "../../src/env";
import { openStore } from "../../src/storage/open-store";
import type { Store } from "../../src/storage/store";
import { type TestDatabase, createTestDatabase } from "../../src/storage/postgres-test-database";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "./server-process";
import { tempDir, type TempDir } from "./temp-dir";
import { connectClient, type SyncClient } from "./sync-clients";
import { createAccounts, type UserKey } from "./world";

/** The Redis every test machine runs (never flushed nor restarted by a test: each run has its own prefix). */
export const TEST_REDIS_URL = "redis://127.0.0.1:6379";

/**
 * Several real server processes of the scaled mode on one test's own PostgreSQL database and
 * Redis prefix: each with a DATA_DIR of its own, as another machine would have.
 */
export interface TestCluster {
  database: TestDatabase;
  bundle: Bundle;
  /** This run's Redis channel prefix (nothing of another run or deployment is heard). */
  prefix: string;
  /** Every instance started, in order (killed ones included). */
  instances: ServerProcess[];
  /** Starts one more instance; `env` adds to or overrides the cluster's settings. */
  start(env?: Record<string, string>): Promise<ServerProcess>;
  /** A store on the cluster's database, for seeding and checking (closed by `close`). */
  store(): Promise<Store>;
  /** A stock client of `room` on `server`, destroyed by `close`. */
  client(server: ServerProcess, room: string, token: string): SyncClient;
  /** Destroys every client `client` opened so far (between tests). */
  closeClients(): void;
  close(): Promise<void>;
}

/** A cluster whose database holds the test world's communes, rosters and accounts (`world.ts`). */
export async function startWorldCluster(name: string, env: Record<string, string> = {}): Promise<{ cluster: TestCluster; userIds: Record<UserKey, string> }> {
  const cluster = await startCluster(name, env);
  const store = await cluster.store();
  try {
    return { cluster, userIds: await createAccounts(store) };
  } finally {
    await store.close();
  }
}

export async function startCluster(name: string, env: Record<string, string> = {}): Promise<TestCluster> {
  const [bundle, database] = await Promise.all([buildBundle(name), createTestDatabase()]);
  const prefix = `test-${name}-${process.pid}-${randomBytes(3).toString("hex")}:`;
  const dirs: TempDir[] = [];
  const instances: ServerProcess[] = [];
  const stores: Store[] = [];
  const clients: SyncClient[] = [];
  const closeClients = () => {
    for (const client of clients.splice(0)) client.destroy();
  };
  return {
    database,
    bundle,
    prefix,
    instances,
    async start(extra = {}) {
      const dir = tempDir("roster-cluster-");
      dirs.push(dir);
      const instance = await spawnServer(bundle.main, {
        DATA_DIR: dir.path,
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: "4",
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        LOG_LEVEL: "info",
        ...env,
        ...extra,
      });
      instances.push(instance);
      return instance;
    },
    async store() {
      const dir = tempDir("roster-cluster-store-");
      dirs.push(dir);
      const store = await openStore(envFor({ DATA_DIR: dir.path, DATABASE_URL: database.url }));
      stores.push(store);
      return store;
    },
    client(server, room, token) {
      const client = connectClient(server.syncUrl, room, token);
      clients.push(client);
      return client;
    },
    closeClients,
    async close() {
      closeClients();
      await killAll(instances);
      for (const store of stores.splice(0)) await store.close().catch(() => undefined);
      bundle.remove();
      for (const dir of dirs) dir.remove();
      await database.drop();
    },
  };
}

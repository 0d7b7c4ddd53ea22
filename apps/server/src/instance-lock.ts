import type { Env } from "./env";
import type { Logger } from "./observability/logger";
import { acquireDataDirLock } from "./storage/data-dir-lock";
import { acquireDatabaseLock } from "./storage/postgres-instance-lock";

export interface InstanceLock {
  release(): Promise<void>;
}

/**
 * What keeps a second server off the same data, held for the server's life:
 * - embedded (SQLite): the DATA_DIR lock (`storage/data-dir-lock.ts`);
 * - PostgreSQL: no DATA_DIR lock (each instance has its own machine and folder) but the
 *   database's instance lock (`storage/postgres-instance-lock.ts`): without REDIS_URL one
 *   server per database (exclusive: nothing would relay between two); with REDIS_URL every
 *   instance holds it shared, so they run together while the CLI's writing commands, and a
 *   server without the relay, are kept off.
 */
export async function acquireInstanceLock(env: Pick<Env, "DATA_DIR" | "DATABASE_URL" | "REDIS_URL">, logger: Logger): Promise<InstanceLock> {
  if (!env.DATABASE_URL) {
    const lock = acquireDataDirLock(env.DATA_DIR, "server");
    return { release: async () => lock.release() };
  }
  const mode = env.REDIS_URL ? "shared" : "exclusive";
  return acquireDatabaseLock(env.DATABASE_URL, "server", mode, (error) => {
    // The lock ended with its session: another instance could now start on this database.
    // Nothing is lost (every write is committed in PostgreSQL), but the operator must know.
    logger.error("server.database_lock_lost", { error: error.message });
  });
}

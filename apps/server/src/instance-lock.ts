import type { Env } from "./env";
import type { Logger } from "./observability/logger";
import { acquireDataDirLock } from "./storage/data-dir-lock";
import { acquireDatabaseLock } from "./storage/postgres-instance-lock";

/** The scaled mode with several instances needs the relay between them, which is not built yet. */
export class RelayNotBuiltError extends Error {
  override readonly name = "RelayNotBuiltError";
  constructor() {
    super(
      "REDIS_URL: chuyển tiếp giữa nhiều máy chủ (Redis) chưa được xây dựng; hãy bỏ REDIS_URL và chạy một máy chủ trên cơ sở dữ liệu này.\n" +
        "REDIS_URL: the relay between several server instances (Redis) is not built yet; unset REDIS_URL and run one server on this database.",
    );
  }
}

export interface InstanceLock {
  release(): Promise<void>;
}

/**
 * What keeps a second server off the same data, held for the server's life:
 * - embedded (SQLite): the DATA_DIR lock (`storage/data-dir-lock.ts`);
 * - PostgreSQL: no DATA_DIR lock (each instance has its own machine and folder) but the
 *   database's instance lock (`storage/postgres-instance-lock.ts`): until the relay between
 *   instances lands, one server per database, and a second one refuses to start.
 */
export async function acquireInstanceLock(env: Pick<Env, "DATA_DIR" | "DATABASE_URL" | "REDIS_URL">, logger: Logger): Promise<InstanceLock> {
  if (!env.DATABASE_URL) {
    const lock = acquireDataDirLock(env.DATA_DIR, "server");
    return { release: async () => lock.release() };
  }
  if (env.REDIS_URL) throw new RelayNotBuiltError();
  return acquireDatabaseLock(env.DATABASE_URL, "server", (error) => {
    // The lock ended with its session: another instance could now start on this database.
    // Nothing is lost (every write is committed in PostgreSQL), but the operator must know.
    logger.error("server.database_lock_lost", { error: error.message });
  });
}

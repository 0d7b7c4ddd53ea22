import pg from "pg";
import { describeDatabase } from "./postgres-pool";

// Who may write a PostgreSQL database. A running server holds every loaded document in
// memory and compacts it into a snapshot of what IT knows; a second instance without the
// relay (or the CLI's `import` / `seed`) writing the same documents behind its back would
// have its updates relayed to nobody and could see them dropped. Instances of the scaled
// mode (REDIS_URL) relay to each other and hold the lock shared; everything else exclusive.
//
// The lock is a session-level advisory lock held on a connection of its own: PostgreSQL
// drops it the moment that session ends, however the process ends (SIGKILL, crash, lost
// machine: the server notices the closed socket, or the TCP keepalive gives up). Each
// holder names itself in `application_name`, which is only read for the message.

/** The advisory lock's two keys: "rost" and "inst" in ASCII (distinct from the migration lock). */
const LOCK_KEYS = [0x726f7374, 0x696e7374] as const;

export type DatabaseLockHolderKind = "server" | "cli";

export interface DatabaseLockHolder {
  kind: DatabaseLockHolderKind | "unknown";
  /** The holder's process id on its own machine, as it named itself. */
  pid: number | undefined;
  /** The machine it connects from, as PostgreSQL sees it (null for a local socket). */
  address: string | null;
}

/** The database is held by another live server instance or operator command. */
export class DatabaseLockedError extends Error {
  override readonly name = "DatabaseLockedError";

  constructor(
    readonly database: string,
    readonly holder: DatabaseLockHolder,
  ) {
    const who = [holder.pid === undefined ? "" : `pid ${holder.pid}`, holder.address ? `from ${holder.address}` : ""].filter(Boolean).join(" ");
    const suffix = who ? ` (${who})` : "";
    const [vi, en] =
      holder.kind === "cli"
        ? ["lệnh quản trị đang ghi", "the operator CLI is writing to it"]
        : ["một máy chủ khác đang dùng", "another server instance is using it"];
    super(`PostgreSQL ${database}: ${vi}${suffix} / ${en}${suffix}`);
  }
}

export interface DatabaseLock {
  /** Ends the lock's session (idempotent). PostgreSQL also ends it if the process dies. */
  release(): Promise<void>;
}

/**
 * Takes the database's instance lock for this process, or throws `DatabaseLockedError`
 * at once (no waiting) when another live session holds it. `onLost` is called if the
 * lock's connection breaks while held (the lock is then gone).
 */
export async function acquireDatabaseLock(
  url: string,
  kind: DatabaseLockHolderKind,
  mode: "exclusive" | "shared" = "exclusive",
  onLost: (error: Error) => void = () => undefined,
): Promise<DatabaseLock> {
  const client = new pg.Client({ connectionString: url, application_name: `roster-${kind} ${process.pid}`, connectionTimeoutMillis: 5_000, keepAlive: true });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Không kết nối được PostgreSQL / PostgreSQL at ${describeDatabase(url)} is unreachable: ${reason}`, { cause: error });
  }
  let held = false;
  const lost = (error: Error) => {
    if (held) {
      held = false;
      onLost(error);
    }
  };
  client.on("error", lost);
  client.on("end", () => lost(new Error("the lock's connection ended")));
  try {
    const take = mode === "shared" ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
    const { rows } = await client.query<{ got: boolean }>(`SELECT ${take}($1, $2) AS got`, [...LOCK_KEYS]);
    if (!rows[0]?.got) throw new DatabaseLockedError(describeDatabase(url), await lockHolder(client));
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  held = true;
  let ended: Promise<void> | undefined;
  return {
    release() {
      held = false;
      ended ??= client.end().catch(() => undefined);
      return ended;
    },
  };
}

/** Who holds the lock, as its session named itself; informative only. */
async function lockHolder(client: pg.Client): Promise<DatabaseLockHolder> {
  const { rows } = await client.query<{ application_name: string | null; client_addr: string | null }>(
    `SELECT a.application_name, host(a.client_addr) AS client_addr
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [LOCK_KEYS[0], LOCK_KEYS[1]],
  );
  const row = rows[0];
  const match = /^roster-(server|cli) (\d+)$/.exec(row?.application_name ?? "");
  return {
    kind: (match?.[1] as DatabaseLockHolderKind | undefined) ?? "unknown",
    pid: match ? Number(match[2]) : undefined,
    address: row?.client_addr ?? null,
  };
}

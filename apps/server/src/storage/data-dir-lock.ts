import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

// Who may write a DATA_DIR. A running server holds every loaded document in memory and
// later compacts it into a snapshot of what IT knows, so a document update written behind
// its back (by the CLI's `import` or `seed`) could be dropped by that compaction, and two
// servers on one store would compact away each other's updates.
//
// The lock is SQLite's own exclusive lock on a small database file (`server.lock`): a
// POSIX record lock that the kernel drops the moment the holder's process ends, however it
// ends (SIGKILL, crash, reboot). Nothing is inferred from pid numbers: a stale pid, a
// zombie or an unrelated process that reuses the pid after a reboot can never hold it.
// `server.pid` only says who holds the lock, for the operator's message and for
// supervisors; it is never read to decide anything.

const LOCK_FILE = "server.lock";
const HOLDER_FILE = "server.pid";

/** Who holds a DATA_DIR: the server, or the operator CLI while it writes documents. */
export type LockHolderKind = "server" | "cli";

export interface LockHolder {
  kind: LockHolderKind | "unknown";
  pid: number | undefined;
}

/** The DATA_DIR is held by another live process (its holder file says which, if it can). */
export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";

  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const who = holder.pid === undefined ? "" : ` (pid ${holder.pid})`;
    const [vi, en] =
      holder.kind === "cli"
        ? ["lệnh quản trị đang ghi", "the operator CLI is writing to it"]
        : ["máy chủ khác đang dùng", "is in use by another server"];
    super(`DATA_DIR ${dataDir}: ${vi}${who} / ${en}${who}`);
  }
}

export interface DataDirLock {
  /** Releases the lock (idempotent). The kernel also releases it if the process dies. */
  release(): void;
}

/**
 * Takes the exclusive lock of `dataDir` for this process, or throws `DataDirLockedError`
 * at once (no waiting) when another live process holds it.
 */
export function acquireDataDirLock(dataDir: string, kind: LockHolderKind): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, LOCK_FILE);
  const db = new Database(path, { timeout: 0 });
  try {
    // No journal: the lock database is never written, so a kill can leave nothing to recover.
    db.pragma("journal_mode = OFF");
    // In EXCLUSIVE locking mode a connection keeps the locks it took until it closes; an
    // empty exclusive transaction therefore takes the lock and keeps it.
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirLockedError(dataDir, readHolder(dataDir));
    throw error;
  }
  chmodSync(path, 0o600);
  const holderPath = join(dataDir, HOLDER_FILE);
  const mark = `${kind} ${process.pid}\n`;
  writeFileSync(holderPath, mark, { mode: 0o600 });
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      try {
        if (readFileSync(holderPath, "utf8") === mark) rmSync(holderPath);
      } catch {
        // Already gone: nothing to clear.
      }
      db.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

/** The holder file's word for who holds the lock; informative only (it may be stale). */
function readHolder(dataDir: string): LockHolder {
  let text: string;
  try {
    text = readFileSync(join(dataDir, HOLDER_FILE), "utf8").trim();
  } catch {
    return { kind: "unknown", pid: undefined };
  }
  // "server 1234" (this format) or a bare pid (the format before the OS lock).
  const match = /^(?:(server|cli) )?(\d+)$/.exec(text);
  if (!match) return { kind: "unknown", pid: undefined };
  return { kind: (match[1] as LockHolderKind | undefined) ?? "unknown", pid: Number(match[2]) };
}

import { closeSync, existsSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { BackupExistsError, BackupFolderMissingError, BackupOntoStoreError, NoStoreError } from "./backup-errors";
import { fsyncDir, fsyncFile, tempNameBeside } from "./durable-files";
import { checkBackupFile, type BackupContents } from "./sqlite-backup-check";
import { SQLITE_FILE_NAME } from "./sqlite-store";

export interface BackupSummary extends BackupContents {
  /** Absolute path of the backup written. */
  file: string;
  bytes: number;
}

/** How long the copy waits for a lock the server holds for a moment (WAL recovery, a checkpoint). */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Copies the embedded store of `dataDir` into `out` while a server may be running and
 * writing to it. Takes no DATA_DIR lock and opens the database read-only.
 *
 * `VACUUM INTO`, not the online backup API (`db.backup()`): `VACUUM INTO` reads the whole
 * database inside ONE read transaction, and in WAL mode a reader sees the snapshot of the
 * moment it began while the server's writer thread goes on committing beside it, so the
 * copy is exactly the database as of one commit, however busy the server is. The backup
 * API copies a few pages per step between event-loop turns, and any write by another
 * connection (the server's, in another process) restarts it from the first page: under
 * clients editing without pause it may never finish. `VACUUM INTO` also leaves free pages
 * behind, so the copy is as small as the data.
 *
 * The copy is written to a private temporary file beside `out`, checked (integrity, schema
 * version, counts), fsynced (SQLite does not sync a `VACUUM INTO` target), then put in
 * place: linked (fails if `out` appeared meanwhile) or, with `force`, renamed over it.
 */
export function backupStore(dataDir: string, out: string, options: { force?: boolean } = {}): BackupSummary {
  const source = resolve(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(source)) throw new NoStoreError(source);
  const target = resolve(out);
  if (isStoreFile(target, source)) throw new BackupOntoStoreError(target);
  if (!options.force && existsSync(target)) throw new BackupExistsError(target);
  if (!existsSync(dirname(target))) throw new BackupFolderMissingError(dirname(target));

  const temp = tempNameBeside(target, "backup");
  // Created empty and private first: VACUUM INTO fills an empty file, and would otherwise
  // create it with the umask's mode (children's data readable by everyone).
  closeSync(openSync(temp, "wx", 0o600));
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      db.prepare("VACUUM INTO ?").run(temp);
    } finally {
      db.close();
    }
    const contents = checkBackupFile(temp, target);
    fsyncFile(temp);
    if (options.force) renameSync(temp, target);
    else {
      try {
        linkSync(temp, target);
      } catch (error) {
        if ((error as { code?: unknown }).code === "EEXIST") throw new BackupExistsError(target);
        throw error;
      }
    }
    fsyncDir(dirname(target));
    return { ...contents, file: target, bytes: statSync(target).size };
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The live database's files: a backup renamed over one of them would replace or corrupt it. */
const STORE_FILES = [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`, `${SQLITE_FILE_NAME}-shm`, `${SQLITE_FILE_NAME}-journal`];

/** Whether `target` is the live database, one of its companion files, or a link to it. */
function isStoreFile(target: string, source: string): boolean {
  if (STORE_FILES.includes(basename(target)) && realDir(target) === realDir(source)) return true;
  try {
    const [a, b] = [statSync(target), statSync(source)];
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

function realDir(file: string): string {
  try {
    return realpathSync(dirname(file));
  } catch {
    return dirname(file);
  }
}

import { chmodSync, constants, copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { BackupError, BackupFileMissingError, NotABackupError } from "./backup-errors";
import { fsyncDir, fsyncFile, tempNameBeside } from "./durable-files";
import { privateDataDir } from "./private-files";
import { checkBackupFile, type BackupContents } from "./sqlite-backup-check";
import { migrate } from "./sqlite-migrations";
import { SQLITE_FILE_NAME } from "./sqlite-store";

export interface RestoreSummary extends BackupContents {
  /** The schema version of the backup as given (lower than `schemaVersion` when migrated). */
  fromVersion: number;
  /** The database that was replaced, kept beside it; undefined when DATA_DIR had none. */
  kept: string | undefined;
}

/** How long the old database waits for a reader (a running `backup`) to let go. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Replaces the embedded store of `dataDir` with the backup `file`. The caller holds the
 * DATA_DIR lock (no server, no other writing command).
 *
 * Nothing is changed until the backup passed every check: it is copied into a private
 * temporary file in DATA_DIR, checked there (header, integrity, schema version), brought
 * up to this build's schema and fsynced. Only then is the current database folded into
 * one file and kept under a second name, and the new one renamed over it: a rename within
 * one folder is atomic, so a crash at any moment leaves the old database or the new one.
 */
export function restoreStore(dataDir: string, file: string, now: Date): RestoreSummary {
  const source = resolve(file);
  try {
    if (!statSync(source).isFile()) throw new BackupFileMissingError(source);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupFileMissingError(source);
  }
  // A copy would miss what only the log holds (a database named where a server left it).
  if (statSizeOr0(`${source}-wal`) > 0) throw new NotABackupError(source, "open_log");
  privateDataDir(dataDir);
  const target = join(resolve(dataDir), SQLITE_FILE_NAME);
  const temp = tempNameBeside(target, "restore");
  try {
    // copyFileSync gives the copy the source's mode; DATA_DIR (0700) hides it until chmod.
    copyFileSync(source, temp, constants.COPYFILE_EXCL);
    chmodSync(temp, 0o600);
    const given = checkBackupFile(temp, source);
    migrateCopy(temp);
    const contents = checkBackupFile(temp, source);
    fsyncFile(temp);
    const kept = keepCurrent(target, now);
    renameSync(temp, target);
    fsyncDir(dataDir);
    return { ...contents, fromVersion: given.schemaVersion, kept };
  } finally {
    for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(leftover, { force: true });
  }
}

/**
 * Applies the migrations an older backup lacks, and leaves the copy as one self-contained
 * file (rollback-journal mode, no -wal beside it): the server switches it back to WAL.
 */
function migrateCopy(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("foreign_keys = ON");
    migrate(db);
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}

/**
 * Folds the current database's write-ahead log into it and keeps it under a dated name
 * (a hard link: no copy, and the rename that follows leaves it the only name of the old
 * file). The log must be folded in first: SQLite reads a `roster.db-wal` it finds beside
 * a database whatever database it came from, so an old log left beside the restored file
 * would be replayed into it.
 */
function keepCurrent(target: string, now: Date): string | undefined {
  const wal = `${target}-wal`;
  if (!existsSync(target)) {
    // A log without its database cannot be read; it is moved aside so it meets no other one.
    if (existsSync(wal)) renameSync(wal, `${beforeRestoreName(target, now)}-wal`);
    rmSync(`${target}-shm`, { force: true });
    return undefined;
  }
  const readable = foldLog(target);
  if (readable && existsSync(wal)) throw new Error(`${wal} is still there after a checkpoint`);
  const kept = linkAside(target, now);
  // A damaged database (what a restore is often for) cannot be checkpointed: its log goes with it.
  if (!readable && existsSync(wal)) renameSync(wal, `${kept}-wal`);
  rmSync(`${target}-shm`, { force: true });
  return kept;
}

/** Checkpoints the whole log into the database and ends WAL mode; false if SQLite cannot read it. */
function foldLog(target: string): boolean {
  let db: Database.Database;
  try {
    db = new Database(target, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch {
    return false;
  }
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
    const mode = db.pragma("journal_mode = DELETE", { simple: true });
    if (mode !== "delete") throw new Error(`the current database stayed in ${String(mode)} mode`);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_NOTADB" || (typeof code === "string" && code.startsWith("SQLITE_CORRUPT"))) return false;
    throw error;
  } finally {
    db.close();
  }
}

/** Links the current database under a dated name not taken yet; returns that name. */
function linkAside(target: string, now: Date): string {
  for (let attempt = 0; ; attempt++) {
    const kept = beforeRestoreName(target, now) + (attempt === 0 ? "" : `-${attempt + 1}`);
    try {
      linkSync(target, kept);
      return kept;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST" || attempt >= 100) throw error;
    }
  }
}

function statSizeOr0(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** `roster.db.before-restore-20261205T013000Z`: sorts by time, no characters a shell minds. */
export function beforeRestoreName(target: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `${target}.before-restore-${stamp}`;
}

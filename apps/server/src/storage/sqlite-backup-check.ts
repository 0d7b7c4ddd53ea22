import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import Database from "better-sqlite3";
import { NotABackupError } from "./backup-errors";
import { SQLITE_HEADER_BYTES, headerProblem } from "./sqlite-file-header";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations";

/** What a backup holds, counted in the copy itself (not in the database it came from). */
export interface BackupContents {
  schemaVersion: number;
  documents: number;
  users: number;
  auditRows: number;
}

/** The tables every schema version since the first has; a roster database without them is not one. */
const REQUIRED_TABLES = ["schema_version", "docs", "doc_updates", "audit", "users", "communes", "rosters"];

/** The newest schema version this build can open. */
export const KNOWN_SCHEMA_VERSION = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Checks that `file` is a whole, undamaged roster database of a schema version this build
 * knows, and counts what it holds. Throws `NotABackupError` naming why not. Opens the file
 * read-only: it never changes what it checks.
 */
export function checkBackupFile(file: string, label: string = file): BackupContents {
  const fd = openSync(file, "r");
  try {
    const header = new Uint8Array(SQLITE_HEADER_BYTES);
    const read = readSync(fd, header, 0, SQLITE_HEADER_BYTES, 0);
    const problem = headerProblem(header.subarray(0, read), fstatSync(fd).size);
    if (problem) throw new NotABackupError(label, problem);
  } finally {
    closeSync(fd);
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new NotABackupError(label, "not_sqlite", sqliteCode(error));
  }
  try {
    return inspect(db, label);
  } catch (error) {
    if (error instanceof NotABackupError) throw error;
    const code = sqliteCode(error);
    if (code === "SQLITE_NOTADB") throw new NotABackupError(label, "not_sqlite");
    if (code.startsWith("SQLITE_CORRUPT")) throw new NotABackupError(label, "damaged", code);
    throw error;
  } finally {
    db.close();
  }
}

function inspect(db: Database.Database, label: string): BackupContents {
  // The whole file: every page, index and constraint, not only what a query would touch.
  const integrity = db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== "ok") {
    // SQLite's findings may span lines; the message keeps one line per language.
    const findings = integrity.slice(0, 3).map((row) => row.integrity_check.replace(/\s+/g, " ").trim());
    throw new NotABackupError(label, "damaged", findings.join("; "));
  }
  const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) throw new NotABackupError(label, "not_roster", `thiếu bảng / missing ${missing.join(", ")}`);
  const version = db.prepare<[], number | null>("SELECT MAX(version) FROM schema_version").pluck().get() ?? 0;
  if (version < 1) throw new NotABackupError(label, "not_roster", "schema_version");
  if (version > KNOWN_SCHEMA_VERSION) {
    throw new NotABackupError(label, "newer", `phiên bản lược đồ / schema version ${version} > ${KNOWN_SCHEMA_VERSION}`);
  }
  const count = (table: string) => db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
  return { schemaVersion: version, documents: count("docs"), users: count("users"), auditRows: count("audit") };
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "";
}

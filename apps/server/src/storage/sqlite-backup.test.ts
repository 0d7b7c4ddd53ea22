import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitThenDie } from "../../test/helpers/killed-writer";
import { BackupExistsError, BackupFolderMissingError, BackupOntoStoreError, NoStoreError } from "./backup-errors";
import { backupStore } from "./sqlite-backup";
import { SQLITE_MIGRATIONS, migrate } from "./sqlite-migrations";
import { SQLITE_FILE_NAME } from "./sqlite-store";

describe("backupStore", () => {
  let root: string;
  let dataDir: string;
  let writer: Database.Database;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "roster-backup-unit-"));
    dataDir = join(root, "data");
    // A live database as the server leaves it: WAL mode, a connection still open, and its
    // latest commits only in the log (no checkpoint has folded them into the file yet).
    writer = openLive(join(dataDir, SQLITE_FILE_NAME));
  });
  afterEach(() => {
    writer.close();
    rmSync(root, { recursive: true, force: true });
  });

  const communes = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare<[], string>("SELECT code FROM communes ORDER BY code").pluck().all();
    } finally {
      db.close();
    }
  };

  it("copies what is committed, including commits still only in the write-ahead log", () => {
    writer.prepare("INSERT INTO communes (code, name) VALUES (?, ?)").run("00097", "Phường Ngọc Hà");
    writer.prepare("INSERT INTO docs (name, last_seq) VALUES (?, ?)").run("records:a", 1);
    // The premise: a plain copy of the file misses the last commits.
    const plain = join(root, "plain.db");
    copyFileSync(join(dataDir, SQLITE_FILE_NAME), plain);
    expect(communes(plain)).toEqual([]);

    const out = join(root, "backup.db");
    const summary = backupStore(dataDir, out);
    expect(communes(out)).toEqual(["00097"]);
    expect(summary).toMatchObject({ file: out, documents: 1, users: 0, auditRows: 0, schemaVersion: SQLITE_MIGRATIONS.length, bytes: statSync(out).size });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // One self-contained file: nothing beside it, not in WAL mode.
    expect(readdirSync(root).filter((name) => name.includes("backup")).sort()).toEqual(["backup.db"]);
    expect(new Database(out, { readonly: true }).pragma("journal_mode", { simple: true })).toBe("delete");
  });

  it("copies a database whose writer was killed, with the commits only its log holds", () => {
    writer.close();
    commitThenDie(join(dataDir, SQLITE_FILE_NAME), "INSERT INTO communes (code, name) VALUES ('26734', 'Xã Tân Phú')");
    writer = new Database(":memory:"); // closed by afterEach
    const out = join(root, "backup.db");
    backupStore(dataDir, out);
    expect(communes(out)).toEqual(["26734"]);
  });

  it("refuses an --out folder that does not exist", () => {
    expect(() => backupStore(dataDir, join(root, "khong-co", "backup.db"))).toThrow(BackupFolderMissingError);
  });

  it("refuses to overwrite a file unless forced, and leaves it as it was", () => {
    const out = join(root, "backup.db");
    writeFileSync(out, "an operator's file");
    expect(() => backupStore(dataDir, out)).toThrow(BackupExistsError);
    expect(readdirSync(root).sort()).toEqual(["backup.db", "data"]);
    expect(statSync(out).size).toBe("an operator's file".length);
    backupStore(dataDir, out, { force: true });
    expect(communes(out)).toEqual([]);
  });

  it("refuses to write over the live database or its log, even forced", () => {
    for (const name of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`, `${SQLITE_FILE_NAME}-shm`]) {
      expect(() => backupStore(dataDir, join(dataDir, name), { force: true })).toThrow(BackupOntoStoreError);
    }
    expect(() => backupStore(dataDir, join(dataDir, ".", SQLITE_FILE_NAME), { force: true })).toThrow(BackupOntoStoreError);
    const link = join(root, "link-to-store.db");
    symlinkSync(join(dataDir, SQLITE_FILE_NAME), link);
    expect(() => backupStore(dataDir, link, { force: true })).toThrow(BackupOntoStoreError);
  });

  it("refuses a DATA_DIR without a database, creating nothing", () => {
    const empty = join(root, "empty");
    expect(() => backupStore(empty, join(root, "backup.db"))).toThrow(NoStoreError);
    expect(existsSync(empty)).toBe(false);
    expect(existsSync(join(root, "backup.db"))).toBe(false);
  });
});

/** A migrated database in WAL mode whose log is never checkpointed while this connection lives. */
function openLive(file: string): Database.Database {
  const dir = join(file, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  migrate(db);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("wal_autocheckpoint = 0");
  return db;
}

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitThenDie } from "../../test/helpers/killed-writer";
import { NotABackupError } from "./backup-errors";
import { SQLITE_MIGRATIONS, migrate } from "./sqlite-migrations";
import { beforeRestoreName, restoreStore } from "./sqlite-restore";
import { SQLITE_FILE_NAME, SqliteStore } from "./sqlite-store";

const NOW = new Date("2026-12-05T01:30:00.123Z");

describe("restoreStore", () => {
  let root: string;
  let dataDir: string;
  let backup: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "roster-restore-unit-"));
    dataDir = join(root, "data");
    backup = join(root, "backup.db");
    writeDb(backup, SQLITE_MIGRATIONS, (db) => db.prepare("INSERT INTO communes (code, name) VALUES ('00097', 'Phường Ngọc Hà')").run());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const communesIn = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare<[], string>("SELECT code FROM communes ORDER BY code").pluck().all();
    } finally {
      db.close();
    }
  };

  it("restores into a fresh DATA_DIR: one private file the store opens", async () => {
    const summary = restoreStore(dataDir, backup, NOW);
    expect(summary).toMatchObject({ kept: undefined, fromVersion: SQLITE_MIGRATIONS.length, schemaVersion: SQLITE_MIGRATIONS.length, documents: 0, users: 0, auditRows: 0 });
    expect(readdirSync(dataDir)).toEqual([SQLITE_FILE_NAME]);
    expect(statSync(join(dataDir, SQLITE_FILE_NAME)).mode & 0o777).toBe(0o600);
    const store = SqliteStore.open(dataDir);
    try {
      expect((await store.listCommunes()).map((c) => c.code)).toEqual(["00097"]);
    } finally {
      await store.close();
    }
  });

  it("keeps the replaced database whole, its log folded in, even after its writer was killed", () => {
    mkdirSync(dataDir, { mode: 0o700 });
    const target = join(dataDir, SQLITE_FILE_NAME);
    // A writer that commits into the log and dies without a checkpoint, as a SIGKILLed server.
    commitThenDie(target, "CREATE TABLE communes (code TEXT PRIMARY KEY, name TEXT NOT NULL); INSERT INTO communes VALUES ('26734', 'Xã Tân Phú')");
    expect(statSync(`${target}-wal`).size).toBeGreaterThan(0);

    const summary = restoreStore(dataDir, backup, NOW);
    expect(summary.kept).toBe(beforeRestoreName(target, NOW));
    expect(summary.kept).toBe(`${target}.before-restore-20261205T013000Z`);
    // No log is left beside the restored file (SQLite would replay it into the new database).
    expect(readdirSync(dataDir).sort()).toEqual([SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}.before-restore-20261205T013000Z`]);
    expect(communesIn(target)).toEqual(["00097"]);
    expect(communesIn(summary.kept!)).toEqual(["26734"]);
    expect(statSync(summary.kept!).mode & 0o777).toBe(0o600);

    // A second restore in the same second keeps the first under another name.
    const again = restoreStore(dataDir, backup, NOW);
    expect(again.kept).toBe(`${target}.before-restore-20261205T013000Z-2`);
  });

  it("replaces a database SQLite cannot read, keeping it as it was", () => {
    mkdirSync(dataDir, { mode: 0o700 });
    const target = join(dataDir, SQLITE_FILE_NAME);
    const broken = "not a database at all, a broken disk perhaps".repeat(100);
    writeFileSync(target, broken);
    const summary = restoreStore(dataDir, backup, NOW);
    expect(communesIn(target)).toEqual(["00097"]);
    expect(readFileSync(summary.kept!, "utf8")).toBe(broken);
  });

  it("brings an older backup up to this build's schema", async () => {
    const old = join(root, "v2.db");
    writeDb(old, SQLITE_MIGRATIONS.slice(0, 2), (db) => {
      db.prepare("INSERT INTO communes (code, name) VALUES ('00097', 'Phường Ngọc Hà')").run();
      db.prepare(
        "INSERT INTO users (id, username, display_name, role, commune, password_hash, created_at) VALUES ('u1', 'ca.ngocha', 'Đại úy Đức', 'police', '00097', 'scrypt$x', '2026-01-01T00:00:00Z')",
      ).run();
    });
    const summary = restoreStore(dataDir, old, NOW);
    expect(summary).toMatchObject({ fromVersion: 2, schemaVersion: SQLITE_MIGRATIONS.length, users: 1 });
    const store = SqliteStore.open(dataDir);
    try {
      expect(await store.getUserByUsername("ca.ngocha")).toMatchObject({ id: "u1", commune: "00097", role: "police" });
    } finally {
      await store.close();
    }
    // The file given is never changed.
    const given = new Database(old, { readonly: true });
    expect(given.prepare("SELECT MAX(version) FROM schema_version").pluck().get()).toBe(2);
    given.close();
  });

  it("refuses a database whose latest commits are still in a log beside it, until they are folded in", () => {
    const live = join(root, "live", SQLITE_FILE_NAME);
    mkdirSync(join(root, "live"));
    writeDb(live, SQLITE_MIGRATIONS, () => undefined);
    commitThenDie(live, "INSERT INTO communes (code, name) VALUES ('26734', 'Xã Tân Phú')");
    expect(() => restoreStore(dataDir, live, NOW)).toThrow(NotABackupError);
    expect(() => restoreStore(dataDir, live, NOW)).toThrow(/write-ahead log \(-wal\) not yet folded into it/);
    expect(existsSync(dataDir)).toBe(false);
    // Read and closed once (the last connection checkpoints), the file restores with the commit.
    const reader = new Database(live);
    reader.prepare("SELECT COUNT(*) FROM communes").get();
    reader.close();
    restoreStore(dataDir, live, NOW);
    expect(communesIn(join(dataDir, SQLITE_FILE_NAME))).toEqual(["26734"]);
  });

  it("refuses a file that is not a backup before touching DATA_DIR", () => {
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, SQLITE_FILE_NAME), "");
    const garbage = join(root, "garbage.db");
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    expect(() => restoreStore(dataDir, garbage, NOW)).toThrow(/not an SQLite database file\. Nothing was changed\./);
    expect(readdirSync(dataDir)).toEqual([SQLITE_FILE_NAME]);
    expect(existsSync(join(root, "garbage.db"))).toBe(true);
  });
});

/** A database at the schema of `migrations` with `fill` run in it, as one plain file. */
function writeDb(file: string, migrations: typeof SQLITE_MIGRATIONS, fill: (db: Database.Database) => void): void {
  const db = new Database(file);
  migrate(db, migrations);
  fill(db);
  db.close();
}

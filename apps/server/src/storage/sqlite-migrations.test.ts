import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreVersionError } from "./errors";
import { SQLITE_MIGRATIONS, migrate, schemaVersion, type SqliteMigration } from "./sqlite-migrations";

const tables = (db: Database.Database): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

const V1: SqliteMigration = { version: 1, description: "a", sql: "CREATE TABLE a (x INTEGER)" };
const V2: SqliteMigration = { version: 2, description: "b", sql: "CREATE TABLE b (y TEXT)" };

describe("SQLite migrations", () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(":memory:");
  });
  afterEach(() => db.close());

  it("numbers the released migrations 1, 2, 3, … without gaps", () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
  });

  it("creates every table of the store on a new database", () => {
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(SQLITE_MIGRATIONS.length);
    expect(schemaVersion(db)).toBe(SQLITE_MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining(["docs", "doc_updates", "audit", "communes", "rosters", "users", "user_rosters", "kv", "schema_version"]),
    );
    const indexes = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
    expect(indexes).toContain("audit_roster_child");
  });

  it("does nothing the second time", () => {
    migrate(db);
    migrate(db);
    expect(db.prepare("SELECT COUNT(*) FROM schema_version").pluck().get()).toBe(SQLITE_MIGRATIONS.length);
  });

  it("runs only the migrations a database lacks", () => {
    migrate(db, [V1]);
    db.prepare("INSERT INTO a (x) VALUES (42)").run();
    // Re-running V1 would fail ("table a already exists") or lose the row.
    expect(migrate(db, [V1, V2])).toBe(2);
    expect(tables(db)).toEqual(expect.arrayContaining(["a", "b"]));
    expect(db.prepare("SELECT x FROM a").pluck().get()).toBe(42);
  });

  it("leaves the database at the previous version when a migration fails half way", () => {
    migrate(db, [V1]);
    const broken: SqliteMigration = { version: 2, description: "broken", sql: "CREATE TABLE c (z); SELECT nope FROM nowhere;" };
    expect(() => migrate(db, [V1, broken])).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain("c");
  });

  it("refuses a database written by a newer server", () => {
    migrate(db, [V1, V2]);
    expect(() => migrate(db, [V1])).toThrow(StoreVersionError);
    expect(() => migrate(db, [V1])).toThrow(/schema version 2/);
  });
});

describe("SQLite migration 3 (province users)", () => {
  it("rebuilds the users table of a live database keeping every user, assignment and session, foreign keys on", () => {
    const db = new Database(":memory:");
    try {
      db.pragma("foreign_keys = ON");
      migrate(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 2));
      db.exec(`
        INSERT INTO communes (code, name) VALUES ('00097', 'Phường Hồng Hà');
        INSERT INTO rosters (id, name, commune) VALUES ('to-5', 'Tổ 5', '00097');
        INSERT INTO users (id, username, display_name, role, commune, password_hash, created_at, disabled, last_login_at)
          VALUES ('u-1', 'a.hamlet', 'Ông Bình', 'hamlet', '00097', 'scrypt$x', '2026-06-01T00:00:00Z', 0, '2026-06-02T00:00:00Z');
        INSERT INTO user_rosters (user_id, roster_id) VALUES ('u-1', 'to-5');
        INSERT INTO sessions (id, user_id, device, created_at, last_used_at, expires_at) VALUES ('s-1', 'u-1', 'Chrome', 'a', 'b', 'c');
      `);
      migrate(db);
      expect(schemaVersion(db)).toBe(SQLITE_MIGRATIONS.length);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(db.prepare("SELECT id, username, commune, province, last_login_at FROM users").all()).toEqual([
        { id: "u-1", username: "a.hamlet", commune: "00097", province: null, last_login_at: "2026-06-02T00:00:00Z" },
      ]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      // The other tables still point at the rebuilt users table.
      expect(() => db.prepare("INSERT INTO sessions (id, user_id, device, created_at, last_used_at, expires_at) VALUES ('s-2', 'khong-co', '', '', '', '')").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO users (id, username, display_name, role, commune, province, password_hash, created_at) VALUES ('u-2', 'tinh', 'T', 'province', NULL, '01', 'x', 'a')").run()).not.toThrow();
      // A user is of a commune or of a province, never both nor neither.
      expect(() => db.prepare("INSERT INTO users (id, username, display_name, role, commune, province, password_hash, created_at) VALUES ('u-3', 'hai', 'H', 'province', '00097', '01', 'x', 'a')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO users (id, username, display_name, role, commune, province, password_hash, created_at) VALUES ('u-4', 'khong', 'K', 'police', NULL, NULL, 'x', 'a')").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

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

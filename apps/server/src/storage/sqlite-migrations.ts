import type Database from "better-sqlite3";
import { StoreVersionError } from "./errors";

/**
 * Forward-only schema migrations of the SQLite store. A migration is never edited once
 * released: a change to the schema is a new entry at the end of the list. Each runs in its
 * own transaction together with the bump of `schema_version`, so a crash leaves the
 * database either before or after a migration, never half way.
 */
export interface SqliteMigration {
  version: number;
  description: string;
  sql: string;
  /**
   * Rebuilds a table that others reference (SQLite's "12-step" table change): foreign keys
   * are off while it runs and checked in full before its transaction commits.
   */
  rebuildsReferencedTable?: boolean;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: "documents, audit, accounts, kv",
    sql: `
      -- One row per document: the sequence counter lives here, not in MAX(seq) of the
      -- updates, so compaction (which deletes updates) can never make a number come back.
      CREATE TABLE docs (
        name      TEXT PRIMARY KEY,
        last_seq  INTEGER NOT NULL
      );

      -- Updates of a document, and at most one snapshot (snapshot = 1) that replaced every
      -- update up to its seq. Loading is one range scan ordered by seq: snapshot first.
      CREATE TABLE doc_updates (
        doc       TEXT NOT NULL REFERENCES docs(name),
        seq       INTEGER NOT NULL,
        snapshot  INTEGER NOT NULL DEFAULT 0 CHECK (snapshot IN (0, 1)),
        data      BLOB NOT NULL,
        at        INTEGER NOT NULL, -- epoch milliseconds
        PRIMARY KEY (doc, seq)
      );

      CREATE TABLE audit (
        id         INTEGER PRIMARY KEY,
        roster_id  TEXT NOT NULL,
        at         TEXT NOT NULL,
        user       TEXT NOT NULL,
        child_id   TEXT NOT NULL,
        kind       TEXT CHECK (kind IN ('child', 'guardian')),
        field      TEXT NOT NULL,
        from_json  TEXT NOT NULL, -- JSON of a string, a boolean or null: keeps the type
        to_json    TEXT NOT NULL,
        source     TEXT
      );
      CREATE INDEX audit_roster_child ON audit (roster_id, child_id);

      CREATE TABLE communes (
        code  TEXT PRIMARY KEY,
        name  TEXT NOT NULL
      );

      CREATE TABLE rosters (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        commune  TEXT NOT NULL REFERENCES communes(code)
      );
      CREATE INDEX rosters_commune ON rosters (commune);

      -- Usernames are unique regardless of case: phone keyboards capitalise the first
      -- letter, and "Lan" and "lan" must not be two accounts.
      CREATE TABLE users (
        id             TEXT PRIMARY KEY,
        username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL,
        commune        TEXT NOT NULL REFERENCES communes(code),
        password_hash  TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
      );
      CREATE INDEX users_commune ON users (commune);

      CREATE TABLE user_rosters (
        user_id    TEXT NOT NULL REFERENCES users(id),
        roster_id  TEXT NOT NULL REFERENCES rosters(id),
        PRIMARY KEY (user_id, roster_id)
      ) WITHOUT ROWID;

      CREATE TABLE kv (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: "sessions, one-time password codes, security log, archived rosters, last login",
    sql: `
      ALTER TABLE users ADD COLUMN last_login_at TEXT;
      ALTER TABLE rosters ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));

      -- A token names its session; the row decides whether it still works. No token is
      -- stored: a copy of this database alone cannot act as anyone.
      CREATE TABLE sessions (
        id            TEXT PRIMARY KEY,
        user_id       TEXT NOT NULL REFERENCES users(id),
        device        TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT NOT NULL,
        expires_at    TEXT NOT NULL,
        revoked_at    TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);

      -- Only the SHA-256 of a code is kept, so the database never holds a usable code.
      CREATE TABLE password_codes (
        code_hash   TEXT PRIMARY KEY,
        user_id     TEXT NOT NULL REFERENCES users(id),
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        used_at     TEXT
      );
      CREATE INDEX password_codes_user ON password_codes (user_id);

      CREATE TABLE security_log (
        id       INTEGER PRIMARY KEY,
        commune  TEXT NOT NULL,
        at       TEXT NOT NULL,
        actor    TEXT,
        target   TEXT,
        action   TEXT NOT NULL,
        detail   TEXT NOT NULL
      );
      CREATE INDEX security_log_commune ON security_log (commune, id);
    `,
  },
  {
    version: 3,
    description: "province users: a user belongs to a commune or (role province) to a province",
    rebuildsReferencedTable: true,
    sql: `
      CREATE TABLE users_v3 (
        id             TEXT PRIMARY KEY,
        username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL,
        commune        TEXT REFERENCES communes(code),
        province       TEXT,
        password_hash  TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        last_login_at  TEXT,
        CHECK ((commune IS NULL) <> (province IS NULL))
      );
      INSERT INTO users_v3 (id, username, display_name, role, commune, province, password_hash, created_at, disabled, last_login_at)
        SELECT id, username, display_name, role, commune, NULL, password_hash, created_at, disabled, last_login_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v3 RENAME TO users;
      CREATE INDEX users_commune ON users (commune);
      CREATE INDEX users_province ON users (province);
    `,
  },
  {
    version: 4,
    description: "a snapshot's state vector and whether its deletions are witnessed, kept beside it",
    sql: `
      -- Set on snapshot rows only. A snapshot stored before has neither: its state vector
      -- is computed once when it is loaded, and it counts as not witnessed.
      ALTER TABLE doc_updates ADD COLUMN state_vector BLOB;
      ALTER TABLE doc_updates ADD COLUMN witnessed INTEGER NOT NULL DEFAULT 0 CHECK (witnessed IN (0, 1));
    `,
  },
  {
    version: 5,
    description: "failed-login counters of the login throttle",
    sql: `
      -- One row per throttled key (username and client address): the times (epoch ms, a
      -- JSON array of at most the allowed attempts) counted in the window, and the newest.
      CREATE TABLE login_attempts (
        key      TEXT PRIMARY KEY,
        times    TEXT NOT NULL,
        touched  INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX login_attempts_touched ON login_attempts (touched);
    `,
  },
];

/** The schema version of a database; 0 for a new, empty one. */
export function schemaVersion(db: Database.Database): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT MAX(version) AS version FROM schema_version").get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Brings the database up to the newest schema, running only the migrations it lacks.
 * Throws `StoreVersionError` for a database written by a newer server.
 */
export function migrate(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number {
  const known = migrations.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > known) throw new StoreVersionError(found, known);
  const record = db.prepare("INSERT INTO schema_version (version) VALUES (?)");
  for (const migration of migrations) {
    if (migration.version <= found) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
    const keysWereOn = migration.rebuildsReferencedTable === true && db.pragma("foreign_keys", { simple: true }) === 1;
    if (keysWereOn) db.pragma("foreign_keys = OFF");
    try {
      db.transaction(() => {
        // Read again under the write lock: another process may have migrated meanwhile.
        if (schemaVersion(db) >= migration.version) return;
        db.exec(migration.sql);
        if (migration.rebuildsReferencedTable && (db.pragma("foreign_key_check") as unknown[]).length > 0) {
          throw new Error(`migration ${migration.version} would break a foreign key`);
        }
        record.run(migration.version);
      }).immediate();
    } finally {
      if (keysWereOn) db.pragma("foreign_keys = ON");
    }
  }
  return known;
}

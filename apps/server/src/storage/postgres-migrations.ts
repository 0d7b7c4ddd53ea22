import type pg from "pg";
import { StoreVersionError } from "./errors";
import { inTransaction } from "./postgres-pool";

/**
 * Forward-only schema migrations of the PostgreSQL store. A migration is never edited once
 * released: a change is a new entry at the end. Each runs in its own transaction with the
 * row that records it in `schema_version`, under a transaction-scoped advisory lock, so
 * several instances starting at once migrate one after another and each migration runs
 * exactly once.
 *
 * Text keys that are listed in order (codes, ids, usernames) are `COLLATE "C"`: byte order,
 * whatever the database's locale, as the SQLite store lists them. Usernames are unique
 * regardless of (ASCII) case, like SQLite's NOCASE: `lower()` under "C" folds only A–Z.
 */
export interface PostgresMigration {
  version: number;
  description: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: "documents, audit, accounts, sessions, password codes, security log, kv",
    sql: `
      -- The per-document counter lives here, not in MAX(seq) of the updates, so compaction
      -- (which deletes updates) can never make a number come back. Appends bump it with
      -- UPDATE … RETURNING in the statement that inserts the update: the row lock orders
      -- the commits of every instance, so numbers are given in commit order.
      CREATE TABLE docs (
        name      text COLLATE "C" PRIMARY KEY,
        last_seq  bigint NOT NULL CHECK (last_seq >= 0)
      );

      CREATE TABLE doc_updates (
        doc   text COLLATE "C" NOT NULL REFERENCES docs (name),
        seq   bigint NOT NULL,
        data  bytea NOT NULL,
        at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (doc, seq)
      );

      -- At most one snapshot per document: the merged state of every update through seq.
      CREATE TABLE doc_snapshots (
        doc           text COLLATE "C" PRIMARY KEY REFERENCES docs (name),
        seq           bigint NOT NULL,
        data          bytea NOT NULL,
        state_vector  bytea,
        witnessed     boolean NOT NULL DEFAULT false,
        at            timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE audit (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        roster_id  text NOT NULL,
        at         text NOT NULL, -- as the entry gives it: the audit reads back exactly
        "user"     text NOT NULL,
        child_id   text NOT NULL,
        kind       text CHECK (kind IN ('child', 'guardian')),
        field      text NOT NULL,
        from_json  text NOT NULL, -- JSON of a string, a boolean or null: keeps the type
        to_json    text NOT NULL,
        source     text
      );
      CREATE INDEX audit_roster ON audit (roster_id, id);
      CREATE INDEX audit_roster_child ON audit (roster_id, child_id, id);

      CREATE TABLE communes (
        code  text COLLATE "C" PRIMARY KEY,
        name  text NOT NULL
      );

      CREATE TABLE rosters (
        id        text COLLATE "C" PRIMARY KEY,
        name      text NOT NULL,
        commune   text COLLATE "C" NOT NULL REFERENCES communes (code),
        archived  boolean NOT NULL DEFAULT false
      );
      CREATE INDEX rosters_commune ON rosters (commune, id);

      -- A user belongs to a commune or (role province) to a province, never both.
      CREATE TABLE users (
        id             text COLLATE "C" PRIMARY KEY,
        username       text COLLATE "C" NOT NULL,
        display_name   text NOT NULL,
        role           text NOT NULL,
        commune        text COLLATE "C" REFERENCES communes (code),
        province       text,
        password_hash  text NOT NULL,
        created_at     timestamptz NOT NULL,
        disabled       boolean NOT NULL DEFAULT false,
        last_login_at  timestamptz,
        CHECK ((commune IS NULL) <> (province IS NULL))
      );
      -- Phone keyboards capitalise the first letter: "Lan" and "lan" must not be two accounts.
      CREATE UNIQUE INDEX users_username ON users (lower(username));
      CREATE INDEX users_commune ON users (commune);

      CREATE TABLE user_rosters (
        user_id    text COLLATE "C" NOT NULL REFERENCES users (id),
        roster_id  text COLLATE "C" NOT NULL REFERENCES rosters (id),
        PRIMARY KEY (user_id, roster_id)
      );

      -- A token names its session; the row decides whether it still works. No token is stored.
      CREATE TABLE sessions (
        id            text COLLATE "C" PRIMARY KEY,
        user_id       text COLLATE "C" NOT NULL REFERENCES users (id),
        device        text NOT NULL,
        created_at    timestamptz NOT NULL,
        last_used_at  timestamptz NOT NULL,
        expires_at    timestamptz NOT NULL,
        revoked_at    timestamptz
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);

      -- Only the SHA-256 of a code is kept, so the database never holds a usable code.
      CREATE TABLE password_codes (
        code_hash   text PRIMARY KEY,
        user_id     text COLLATE "C" NOT NULL REFERENCES users (id),
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      );
      CREATE INDEX password_codes_user ON password_codes (user_id);

      CREATE TABLE security_log (
        id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        commune  text NOT NULL,
        at       timestamptz NOT NULL,
        actor    text,
        target   text,
        action   text NOT NULL,
        detail   text NOT NULL
      );
      CREATE INDEX security_log_commune ON security_log (commune, id);

      CREATE TABLE kv (
        key    text PRIMARY KEY,
        value  text NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: "ownership leases of rosters, with epochs that fence a stale owner's writes",
    sql: `
      -- One row per roster that some instance owns or owned. The epoch goes up at every
      -- takeover; an owner's writes carry the epoch it holds and are refused once it is not
      -- the row's any more (a paused or cut-off owner cannot write after a takeover).
      CREATE TABLE roster_leases (
        name        text COLLATE "C" PRIMARY KEY,
        holder      text NOT NULL,
        epoch       bigint NOT NULL CHECK (epoch > 0),
        url         text,
        expires_at  timestamptz NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: "failed-login counters of the login throttle, shared by every instance",
    sql: `
      -- One row per throttled key (username and client address): the times (epoch ms, at
      -- most the allowed attempts) counted in the window, and the newest of them.
      CREATE TABLE login_attempts (
        key      text PRIMARY KEY,
        times    bigint[] NOT NULL,
        touched  bigint NOT NULL
      );
      CREATE INDEX login_attempts_touched ON login_attempts (touched);
    `,
  },
];

/**
 * The advisory lock every migrating instance takes (any fixed number; this one spells
 * "roster" in ASCII). Transaction-scoped: it ends with the transaction, also when the
 * connection dies, and it works through a session-pooling proxy.
 */
const MIGRATION_LOCK = 0x726f73746572;

/**
 * Brings the database up to the newest schema, one migration per transaction.
 * Throws `StoreVersionError` for a database written by a newer server, changing nothing.
 * Resolves to the schema version now in force.
 */
export async function migrate(pool: pg.Pool, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<number> {
  const known = migrations.at(-1)?.version ?? 0;
  for (;;) {
    const done = await inTransaction(pool, async (client) => {
      // Waiting for another instance's migration, or a migration rewriting a large table,
      // may take longer than the pool's statement timeout: this transaction has none.
      await client.query("SET LOCAL statement_timeout = 0");
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      // Read under the lock: another instance may have migrated while this one waited.
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
      const found = await schemaVersion(client);
      if (found > known) throw new StoreVersionError(found, known);
      const next = migrations.find((m) => m.version > found);
      if (!next) return true;
      await client.query(next.sql);
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [next.version]);
      return false;
    });
    if (done) return known;
  }
}

/** The schema version of a database (0 for an empty one). */
export async function schemaVersion(client: Pick<pg.PoolClient, "query">): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_version");
  return rows[0]?.version ?? 0;
}

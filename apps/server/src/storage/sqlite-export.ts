/**
 * Reads everything an embedded store holds, table by table, for `migrate` (the `Store`
 * interface has no "list everything" calls, and should not grow them for one command).
 * Opens `roster.db` read-only; the caller holds the DATA_DIR lock and has brought the
 * schema up to date (by opening a `SqliteStore` once).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SQLITE_MIGRATIONS, schemaVersion } from "./sqlite-migrations";
import { SQLITE_FILE_NAME } from "./sqlite-store";
import type { StoredDoc } from "./store";
import type { TableCounts } from "./table-counts";

export interface CommuneRow {
  code: string;
  name: string;
}

export interface RosterRow {
  id: string;
  name: string;
  commune: string;
  archived: 0 | 1;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  commune: string | null;
  province: string | null;
  password_hash: string;
  created_at: string;
  disabled: 0 | 1;
  last_login_at: string | null;
}

export interface UserRosterRow {
  user_id: string;
  roster_id: string;
}

export interface SessionRow {
  id: string;
  user_id: string;
  device: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface PasswordCodeRow {
  code_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SecurityLogRow {
  id: number;
  commune: string;
  at: string;
  actor: string | null;
  target: string | null;
  action: string;
  detail: string;
}

export interface AuditRowWithId {
  id: number;
  roster_id: string;
  at: string;
  user: string;
  child_id: string;
  kind: string | null;
  field: string;
  from_json: string;
  to_json: string;
  source: string | null;
}

export interface KvRow {
  key: string;
  value: string;
}

/** A stored document with the time each row was written (epoch ms), as `migrate` copies it. */
export interface ExportedDoc {
  name: string;
  stored: StoredDoc;
  /** When the snapshot was written, and each update (same order as `stored.updates`). */
  snapshotAt: number | undefined;
  updateAt: number[];
}

/** No embedded store in DATA_DIR (nothing to migrate). */
export class NoEmbeddedStoreError extends Error {
  override readonly name = "NoEmbeddedStoreError";
  constructor(readonly dataDir: string) {
    super(`DATA_DIR ${dataDir} không có ${SQLITE_FILE_NAME} / DATA_DIR ${dataDir} holds no ${SQLITE_FILE_NAME}`);
  }
}

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Rows read per statement when a table is walked in batches. */
const BATCH = 5_000;

export class SqliteExport {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  static open(dataDir: string): SqliteExport {
    const file = path.resolve(dataDir, SQLITE_FILE_NAME);
    if (!existsSync(file)) throw new NoEmbeddedStoreError(dataDir);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const version = schemaVersion(db);
    if (version !== SQLITE_MIGRATIONS.length) {
      db.close();
      throw new Error(`${file} has schema version ${version}, expected ${SQLITE_MIGRATIONS.length}: open it with the server first`);
    }
    return new SqliteExport(db);
  }

  counts(): TableCounts {
    const count = (sql: string) => this.#db.prepare<[], number>(sql).pluck().get() ?? 0;
    return {
      communes: count("SELECT COUNT(*) FROM communes"),
      rosters: count("SELECT COUNT(*) FROM rosters"),
      users: count("SELECT COUNT(*) FROM users"),
      userRosters: count("SELECT COUNT(*) FROM user_rosters"),
      sessions: count("SELECT COUNT(*) FROM sessions"),
      passwordCodes: count("SELECT COUNT(*) FROM password_codes"),
      securityLog: count("SELECT COUNT(*) FROM security_log"),
      audit: count("SELECT COUNT(*) FROM audit"),
      kv: count("SELECT COUNT(*) FROM kv"),
      docs: count("SELECT COUNT(*) FROM docs"),
      snapshots: count("SELECT COUNT(*) FROM doc_updates WHERE snapshot = 1"),
      updates: count("SELECT COUNT(*) FROM doc_updates WHERE snapshot = 0"),
    };
  }

  communes(): CommuneRow[] {
    return this.#db.prepare<[], CommuneRow>("SELECT code, name FROM communes ORDER BY code").all();
  }

  rosters(): RosterRow[] {
    return this.#db.prepare<[], RosterRow>("SELECT id, name, commune, archived FROM rosters ORDER BY id").all();
  }

  users(): UserRow[] {
    return this.#db
      .prepare<[], UserRow>(
        "SELECT id, username, display_name, role, commune, province, password_hash, created_at, disabled, last_login_at FROM users ORDER BY id",
      )
      .all();
  }

  userRosters(): UserRosterRow[] {
    return this.#db.prepare<[], UserRosterRow>("SELECT user_id, roster_id FROM user_rosters ORDER BY user_id, roster_id").all();
  }

  sessions(): SessionRow[] {
    return this.#db.prepare<[], SessionRow>("SELECT id, user_id, device, created_at, last_used_at, expires_at, revoked_at FROM sessions ORDER BY id").all();
  }

  passwordCodes(): PasswordCodeRow[] {
    return this.#db.prepare<[], PasswordCodeRow>("SELECT code_hash, user_id, created_at, expires_at, used_at FROM password_codes ORDER BY code_hash").all();
  }

  kv(): KvRow[] {
    return this.#db.prepare<[], KvRow>("SELECT key, value FROM kv ORDER BY key").all();
  }

  /** The security log in id order, `BATCH` rows at a time. */
  *securityLog(): Generator<SecurityLogRow[]> {
    yield* this.#batches<SecurityLogRow>("SELECT id, commune, at, actor, target, action, detail FROM security_log WHERE id > ? ORDER BY id LIMIT ?");
  }

  /** The audit log in id order (the order it was written), `BATCH` rows at a time. */
  *audit(): Generator<AuditRowWithId[]> {
    yield* this.#batches<AuditRowWithId>(
      "SELECT id, roster_id, at, user, child_id, kind, field, from_json, to_json, source FROM audit WHERE id > ? ORDER BY id LIMIT ?",
    );
  }

  /** Distinct roster ids of the audit log (a roster's audit outlives nothing, but is read per roster). */
  auditRosters(): string[] {
    return this.#db.prepare<[], string>("SELECT DISTINCT roster_id FROM audit ORDER BY roster_id").pluck().all();
  }

  /** Distinct communes of the security log. */
  securityLogCommunes(): string[] {
    return this.#db.prepare<[], string>("SELECT DISTINCT commune FROM security_log ORDER BY commune").pluck().all();
  }

  docNames(): string[] {
    return this.#db.prepare<[], string>("SELECT name FROM docs ORDER BY name").pluck().all();
  }

  /** Everything stored for one document, exactly as stored. */
  doc(name: string): ExportedDoc {
    const lastSeq = this.#db.prepare<[string], number>("SELECT last_seq FROM docs WHERE name = ?").pluck().get(name) ?? 0;
    const rows = this.#db
      .prepare<[string], { seq: number; snapshot: 0 | 1; data: Buffer; at: number; state_vector: Buffer | null; witnessed: 0 | 1 }>(
        "SELECT seq, snapshot, data, at, state_vector, witnessed FROM doc_updates WHERE doc = ? ORDER BY seq",
      )
      .all(name);
    const exported: ExportedDoc = { name, stored: { snapshot: undefined, updates: [], lastSeq }, snapshotAt: undefined, updateAt: [] };
    for (const row of rows) {
      if (row.snapshot === 1) {
        exported.stored.snapshot = {
          seq: row.seq,
          update: view(row.data),
          stateVector: row.state_vector ? view(row.state_vector) : null,
          witnessed: row.witnessed === 1,
        };
        exported.snapshotAt = row.at;
      } else {
        exported.stored.updates.push({ seq: row.seq, update: view(row.data) });
        exported.updateAt.push(row.at);
      }
    }
    return exported;
  }

  close(): void {
    this.#db.close();
  }

  *#batches<R extends { id: number }>(sql: string): Generator<R[]> {
    const statement = this.#db.prepare<[number, number], R>(sql);
    let after = 0;
    for (;;) {
      const rows = statement.all(after, BATCH);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.id;
    }
  }
}

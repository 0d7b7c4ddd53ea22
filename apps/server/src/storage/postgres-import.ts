/**
 * Bulk writes of `migrate` into an empty PostgreSQL store: rows as they are, ids and
 * sequence numbers kept. Everything runs on one client inside the one transaction of
 * `PostgresStore.importAll`, so a failed migration leaves the target as empty as it was.
 * Rows travel as one array per column, unpacked by `unnest` (a fixed number of parameters
 * whatever the batch size).
 */
import type pg from "pg";
import type {
  AuditRowWithId,
  CommuneRow,
  ExportedDoc,
  KvRow,
  PasswordCodeRow,
  RosterRow,
  SecurityLogRow,
  SessionRow,
  UserRosterRow,
  UserRow,
} from "./sqlite-export";

/** The target already holds roster data: `migrate` never merges into it. */
export class TargetNotEmptyError extends Error {
  override readonly name = "TargetNotEmptyError";
  constructor(
    readonly database: string,
    readonly table: string,
  ) {
    super(
      `PostgreSQL ${database} đã có dữ liệu (bảng ${table}): chỉ chuyển vào một cơ sở dữ liệu trống.\n` +
        `PostgreSQL ${database} already holds roster data (table ${table}): migrate only into an empty database.`,
    );
  }
}

/** Tables whose rows mean "roster data" (the key-value table is checked apart from them). */
const DATA_TABLES = ["communes", "rosters", "users", "user_rosters", "sessions", "password_codes", "security_log", "audit", "docs", "doc_updates", "doc_snapshots"] as const;

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const asDate = (ms: number | undefined): Date => new Date(ms ?? Date.now());

/** Most rows (or, for documents, bytes) sent in one statement. */
const ROWS_PER_STATEMENT = 5_000;
const BYTES_PER_STATEMENT = 16 * 1024 * 1024;

function* chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export class PostgresImport {
  constructor(
    private readonly client: pg.PoolClient,
    /** A key-value a server writes on its first start (the token secret): not roster data. */
    private readonly serverKey: string,
  ) {}

  /** Throws `TargetNotEmptyError` naming the first table holding roster data; clears the server key. */
  async assertEmpty(database: string): Promise<void> {
    for (const table of DATA_TABLES) {
      const { rowCount } = await this.client.query(`SELECT 1 FROM ${table} LIMIT 1`);
      if (rowCount) throw new TargetNotEmptyError(database, table);
    }
    const { rowCount } = await this.client.query("SELECT 1 FROM kv WHERE key <> $1 LIMIT 1", [this.serverKey]);
    if (rowCount) throw new TargetNotEmptyError(database, "kv");
    // A secret a server generated on the empty database signed no token anyone can use (there
    // were no accounts): it goes, so the embedded deployment's secret (or TOKEN_SECRET) rules.
    await this.client.query("DELETE FROM kv WHERE key = $1", [this.serverKey]);
  }

  async communes(rows: readonly CommuneRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query("INSERT INTO communes (code, name) SELECT * FROM unnest($1::text[], $2::text[])", [part.map((r) => r.code), part.map((r) => r.name)]);
    }
  }

  async rosters(rows: readonly RosterRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query("INSERT INTO rosters (id, name, commune, archived) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])", [
        part.map((r) => r.id),
        part.map((r) => r.name),
        part.map((r) => r.commune),
        part.map((r) => r.archived === 1),
      ]);
    }
  }

  async users(rows: readonly UserRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query(
        `INSERT INTO users (id, username, display_name, role, commune, province, password_hash, created_at, disabled, last_login_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::boolean[], $10::timestamptz[])`,
        [
          part.map((r) => r.id),
          part.map((r) => r.username),
          part.map((r) => r.display_name),
          part.map((r) => r.role),
          part.map((r) => r.commune),
          part.map((r) => r.province),
          part.map((r) => r.password_hash),
          part.map((r) => r.created_at),
          part.map((r) => r.disabled === 1),
          part.map((r) => r.last_login_at),
        ],
      );
    }
  }

  async userRosters(rows: readonly UserRosterRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query("INSERT INTO user_rosters (user_id, roster_id) SELECT * FROM unnest($1::text[], $2::text[])", [
        part.map((r) => r.user_id),
        part.map((r) => r.roster_id),
      ]);
    }
  }

  async sessions(rows: readonly SessionRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query(
        `INSERT INTO sessions (id, user_id, device, created_at, last_used_at, expires_at, revoked_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])`,
        [
          part.map((r) => r.id),
          part.map((r) => r.user_id),
          part.map((r) => r.device),
          part.map((r) => r.created_at),
          part.map((r) => r.last_used_at),
          part.map((r) => r.expires_at),
          part.map((r) => r.revoked_at),
        ],
      );
    }
  }

  async passwordCodes(rows: readonly PasswordCodeRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query(
        `INSERT INTO password_codes (code_hash, user_id, created_at, expires_at, used_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])`,
        [part.map((r) => r.code_hash), part.map((r) => r.user_id), part.map((r) => r.created_at), part.map((r) => r.expires_at), part.map((r) => r.used_at)],
      );
    }
  }

  /** Ids kept (so the order reads back the same); the identity then continues after them. */
  async securityLog(rows: readonly SecurityLogRow[]): Promise<void> {
    await this.client.query(
      `INSERT INTO security_log (id, commune, at, actor, target, action, detail) OVERRIDING SYSTEM VALUE
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [rows.map((r) => r.id), rows.map((r) => r.commune), rows.map((r) => r.at), rows.map((r) => r.actor), rows.map((r) => r.target), rows.map((r) => r.action), rows.map((r) => r.detail)],
    );
  }

  /** Ids kept, so entries read back in the order they were written. */
  async audit(rows: readonly AuditRowWithId[]): Promise<void> {
    await this.client.query(
      `INSERT INTO audit (id, roster_id, at, "user", child_id, kind, field, from_json, to_json, source) OVERRIDING SYSTEM VALUE
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.roster_id),
        rows.map((r) => r.at),
        rows.map((r) => r.user),
        rows.map((r) => r.child_id),
        rows.map((r) => r.kind),
        rows.map((r) => r.field),
        rows.map((r) => r.from_json),
        rows.map((r) => r.to_json),
        rows.map((r) => r.source),
      ],
    );
  }

  /** After the rows with kept ids: new rows get ids above every copied one. */
  async continueIdentities(): Promise<void> {
    for (const table of ["audit", "security_log"]) {
      await this.client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1), (SELECT MAX(id) FROM ${table}) IS NOT NULL)`);
    }
  }

  async kv(rows: readonly KvRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await this.client.query(
        "INSERT INTO kv (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [part.map((r) => r.key), part.map((r) => r.value)],
      );
    }
  }

  /**
   * One document exactly as stored: its counter (`last_seq`, never reused), its snapshot
   * with state vector and witnessed flag, and every update with its sequence number.
   */
  async storedDoc(doc: ExportedDoc): Promise<void> {
    const { name, stored } = doc;
    await this.client.query("INSERT INTO docs (name, last_seq) VALUES ($1, $2)", [name, stored.lastSeq]);
    if (stored.snapshot) {
      const { seq, update, stateVector, witnessed } = stored.snapshot;
      await this.client.query("INSERT INTO doc_snapshots (doc, seq, data, state_vector, witnessed, at) VALUES ($1, $2, $3, $4, $5, $6)", [
        name,
        seq,
        asBuffer(update),
        stateVector ? asBuffer(stateVector) : null,
        witnessed,
        asDate(doc.snapshotAt),
      ]);
    }
    let start = 0;
    while (start < stored.updates.length) {
      let end = start;
      let bytes = 0;
      while (end < stored.updates.length && (end === start || (end - start < ROWS_PER_STATEMENT && bytes + stored.updates[end]!.update.byteLength <= BYTES_PER_STATEMENT))) {
        bytes += stored.updates[end]!.update.byteLength;
        end += 1;
      }
      const part = stored.updates.slice(start, end);
      await this.client.query("INSERT INTO doc_updates (doc, seq, data, at) SELECT $1, * FROM unnest($2::bigint[], $3::bytea[], $4::timestamptz[])", [
        name,
        part.map((u) => u.seq),
        part.map((u) => asBuffer(u.update)),
        doc.updateAt.slice(start, end).map(asDate),
      ]);
      start = end;
    }
  }
}

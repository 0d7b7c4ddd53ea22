import type { AuditEntry } from "@roster/schema";
import type Database from "better-sqlite3";

/** One `appendAudit` call waiting in the group commit queue, already encoded as rows. */
export interface AuditJob {
  kind: "audit";
  rows: AuditRow[];
}

export interface AuditRow {
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

type FieldValue = AuditEntry["from"];

/**
 * Encodes entries as rows, checking what the database cannot: a bad entry must fail its
 * own call here, not the shared group-commit transaction of unrelated writers.
 */
export function auditJob(rosterId: string, entries: readonly AuditEntry[]): AuditJob {
  return { kind: "audit", rows: auditRows(rosterId, entries) };
}

/** The rows of `entries`; throws a `TypeError` on an entry the table cannot hold. */
export function auditRows(rosterId: string, entries: readonly AuditEntry[]): AuditRow[] {
  return entries.map((e, i): AuditRow => {
    for (const key of ["at", "user", "childId", "field"] as const) {
      if (typeof e[key] !== "string") throw new TypeError(`audit entry ${i}: ${key} must be a string`);
    }
    return {
      roster_id: rosterId,
      at: e.at,
      user: e.user,
      child_id: e.childId,
      kind: e.kind ?? null,
      field: e.field,
      from_json: encodeValue(e.from, i),
      to_json: encodeValue(e.to, i),
      source: e.source ?? null,
    };
  });
}

/** JSON keeps the difference between "true" and true, and between "" and null. */
function encodeValue(value: FieldValue, index: number): string {
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  throw new TypeError(`audit entry ${index}: from/to must be a string, a boolean or null`);
}

function decodeValue(json: string): FieldValue {
  return JSON.parse(json) as FieldValue;
}

/** The statement that appends one row, run by the writer thread in the group commit's transaction. */
export const AUDIT_INSERT_SQL = `INSERT INTO audit (roster_id, at, user, child_id, kind, field, from_json, to_json, source)
       VALUES (@roster_id, @at, @user, @child_id, @kind, @field, @from_json, @to_json, @source)`;

/** Reads of the audit log on SQLite (appends run in the writer thread, `sqlite-writer.ts`). */
export class SqliteAudit {
  readonly #list: Database.Statement<[string, number], AuditRow>;
  readonly #listChild: Database.Statement<[string, string, number], AuditRow>;

  constructor(db: Database.Database) {
    // The newest `limit` entries, handed back oldest first (LIMIT -1 means no limit).
    const columns = "id, roster_id, at, user, child_id, kind, field, from_json, to_json, source";
    this.#list = db.prepare(
      `SELECT * FROM (SELECT ${columns} FROM audit WHERE roster_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id`,
    );
    this.#listChild = db.prepare(
      `SELECT * FROM (SELECT ${columns} FROM audit WHERE roster_id = ? AND child_id = ? ORDER BY id DESC LIMIT ?)
       ORDER BY id`,
    );
  }

  list(rosterId: string, query: { childId?: string; limit?: number } = {}): AuditEntry[] {
    const { childId, limit } = query;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    }
    const rows =
      childId === undefined ? this.#list.all(rosterId, limit ?? -1) : this.#listChild.all(rosterId, childId, limit ?? -1);
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    at: row.at,
    user: row.user,
    childId: row.child_id,
    field: row.field,
    from: decodeValue(row.from_json),
    to: decodeValue(row.to_json),
  };
  // Absent stays absent (no `kind: undefined`), so an entry reads back exactly as written.
  if (row.kind === "child" || row.kind === "guardian") entry.kind = row.kind;
  if (row.source !== null) entry.source = row.source;
  return entry;
}

import type { AuditEntry } from "@roster/schema";
import type pg from "pg";
import { assertStorableText } from "./postgres-pool";

/** One audit entry encoded for the `audit` table. */
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

const COLUMNS = ["roster_id", "at", "user", "child_id", "kind", "field", "from_json", "to_json", "source"] as const;

/**
 * Encodes entries as rows, checking what the database cannot: a bad entry must fail its
 * own call here, not the batch it would share with other writers of the same key.
 */
export function auditRows(rosterId: string, entries: readonly AuditEntry[]): AuditRow[] {
  assertStorableText(rosterId, "rosterId");
  return entries.map((e, i): AuditRow => {
    for (const key of ["at", "user", "childId", "field"] as const) {
      const value = e[key];
      if (typeof value !== "string") throw new TypeError(`audit entry ${i}: ${key} must be a string`);
      assertStorableText(value, `audit entry ${i}: ${key}`);
    }
    if (e.kind !== undefined && e.kind !== "child" && e.kind !== "guardian") throw new TypeError(`audit entry ${i}: kind must be child or guardian`);
    if (e.source !== undefined) {
      if (typeof e.source !== "string") throw new TypeError(`audit entry ${i}: source must be a string`);
      assertStorableText(e.source, `audit entry ${i}: source`);
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

/** JSON keeps the difference between "true" and true, and between "" and null (and escapes U+0000). */
function encodeValue(value: FieldValue, index: number): string {
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  throw new TypeError(`audit entry ${index}: from/to must be a string, a boolean or null`);
}

/**
 * Rows travel as one array per column and are unpacked by `unnest`: a batch of any size is
 * one statement with a fixed number of parameters, inserted in the order given.
 */
export const auditColumns = {
  /** The INSERT reading the column arrays from parameters `$first` … `$first+8`. */
  insertFromArrays(first: number): string {
    const params = COLUMNS.map((_, i) => `$${first + i}::text[]`).join(", ");
    const names = COLUMNS.map((c) => `"${c}"`).join(", ");
    return `INSERT INTO audit (${names})
      SELECT ${names} FROM unnest(${params}) WITH ORDINALITY AS x (${names}, ord) ORDER BY ord`;
  },
  arrays(rows: readonly AuditRow[]): (string | null)[][] {
    return COLUMNS.map((column) => rows.map((row) => row[column]));
  },
};

const INSERT_SQL = auditColumns.insertFromArrays(1);

/** The audit log on PostgreSQL: append-only, read per roster oldest first. */
export class PostgresAudit {
  constructor(private readonly pool: pg.Pool) {}

  /** Appends the rows of several calls in one statement (so one commit), in order. */
  async append(rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.pool.query(INSERT_SQL, auditColumns.arrays(rows));
  }

  /** The newest `limit` entries (all without one), oldest first. */
  async list(rosterId: string, query: { childId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const { childId, limit } = query;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    }
    const names = COLUMNS.map((c) => `"${c}"`).join(", ");
    // LIMIT NULL is no limit.
    const { rows } = await this.pool.query<AuditRow & { id: string }>(
      `SELECT * FROM (
         SELECT id, ${names} FROM audit WHERE roster_id = $1 AND ($2::text IS NULL OR child_id = $2)
         ORDER BY id DESC LIMIT $3
       ) newest ORDER BY id`,
      [rosterId, childId ?? null, limit ?? null],
    );
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    at: row.at,
    user: row.user,
    childId: row.child_id,
    field: row.field,
    from: JSON.parse(row.from_json) as FieldValue,
    to: JSON.parse(row.to_json) as FieldValue,
  };
  // Absent stays absent (no `kind: undefined`), so an entry reads back exactly as written.
  if (row.kind === "child" || row.kind === "guardian") entry.kind = row.kind;
  if (row.source !== null) entry.source = row.source;
  return entry;
}

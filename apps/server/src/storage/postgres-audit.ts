import type { AuditEntry } from "@roster/schema";
import type pg from "pg";
import { type AuditRow, auditEntryOf, auditRows as encodeAuditRows } from "./audit-rows";
import { assertStorableText } from "./postgres-pool";

const COLUMNS = ["roster_id", "at", "user", "child_id", "kind", "field", "from_json", "to_json", "source"] as const;

/** Encodes entries as rows; PostgreSQL cannot hold U+0000 in text. */
export function auditRows(rosterId: string, entries: readonly AuditEntry[]): AuditRow[] {
  return encodeAuditRows(rosterId, entries, assertStorableText);
}

/**
 * Rows travel as one array per column and are unpacked by `unnest`: a batch of any size is
 * one statement with a fixed number of parameters, inserted in the order given.
 */
export const auditColumns = {
  /**
   * The INSERT reading the column arrays from parameters `$first` … `$first+8`, under
   * `condition` (an SQL boolean; default: always).
   */
  insertFromArrays(first: number, condition = "true"): string {
    const params = COLUMNS.map((_, i) => `$${first + i}::text[]`).join(", ");
    const names = COLUMNS.map((c) => `"${c}"`).join(", ");
    return `INSERT INTO audit (${names})
      SELECT ${names} FROM unnest(${params}) WITH ORDINALITY AS x (${names}, ord) WHERE ${condition} ORDER BY ord`;
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
    return rows.map(auditEntryOf);
  }
}


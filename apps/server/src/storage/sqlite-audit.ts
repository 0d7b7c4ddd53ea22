import type { AuditEntry } from "@roster/schema";
import type Database from "better-sqlite3";
import { type AuditRow, auditEntryOf, auditRows } from "./audit-rows";

/** One `appendAudit` call waiting in the group commit queue, already encoded as rows. */
export interface AuditJob {
  kind: "audit";
  rows: AuditRow[];
}



/**
 * Encodes entries as rows, checking what the database cannot: a bad entry must fail its
 * own call here, not the shared group-commit transaction of unrelated writers.
 */
export function auditJob(rosterId: string, entries: readonly AuditEntry[]): AuditJob {
  return { kind: "audit", rows: auditRows(rosterId, entries) };
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
    return rows.map(auditEntryOf);
  }
}


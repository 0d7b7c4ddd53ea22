import type { AuditEntry } from "@roster/schema";

/** One audit entry encoded for the `audit` table (the same columns on SQLite and PostgreSQL). */
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
 * Encodes entries as rows, checking what the database cannot: a bad entry must fail its own
 * call here, not the batch or group-commit transaction it would share with other writers.
 * `checkText` adds a store's own limits on text (PostgreSQL cannot hold U+0000).
 */
export function auditRows(rosterId: string, entries: readonly AuditEntry[], checkText: (value: string, what: string) => void = () => undefined): AuditRow[] {
  checkText(rosterId, "rosterId");
  return entries.map((e, i): AuditRow => {
    for (const key of ["at", "user", "childId", "field"] as const) {
      const value = e[key];
      if (typeof value !== "string") throw new TypeError(`audit entry ${i}: ${key} must be a string`);
      checkText(value, `audit entry ${i}: ${key}`);
    }
    if (e.kind !== undefined && e.kind !== "child" && e.kind !== "guardian") throw new TypeError(`audit entry ${i}: kind must be child or guardian`);
    if (e.source !== undefined) {
      if (typeof e.source !== "string") throw new TypeError(`audit entry ${i}: source must be a string`);
      checkText(e.source, `audit entry ${i}: source`);
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

/** The entry a row holds; absent stays absent (no `kind: undefined`), so it reads back exactly as written. */
export function auditEntryOf(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    at: row.at,
    user: row.user,
    childId: row.child_id,
    field: row.field,
    from: JSON.parse(row.from_json) as FieldValue,
    to: JSON.parse(row.to_json) as FieldValue,
  };
  if (row.kind === "child" || row.kind === "guardian") entry.kind = row.kind;
  if (row.source !== null) entry.source = row.source;
  return entry;
}

/** JSON keeps the difference between "true" and true, and between "" and null (and escapes U+0000). */
function encodeValue(value: FieldValue, index: number): string {
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  throw new TypeError(`audit entry ${index}: from/to must be a string, a boolean or null`);
}

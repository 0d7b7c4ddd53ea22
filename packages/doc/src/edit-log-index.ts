import type { ChildField, FieldValue, GuardianField } from "@roster/schema";
import type { EditEntry } from "./edit-entry";
import { FieldHistory } from "./field-history";
import type { LocalFieldChange } from "./field-history";
import type { KindCode } from "./record-kinds";

/** One of the disagreeing values of a conflict, with who wrote it and when. */
export interface ConflictValue {
  readonly value: FieldValue;
  /** Actor id of the writer. */
  readonly by: string;
  /** Display name of the writer. */
  readonly name: string;
  /** ISO time on the writer's clock. */
  readonly at: string;
  /** Id of the log entry holding this value. */
  readonly entryId: string;
}

/**
 * A field that concurrent writers set to different values: every value is kept here
 * until a person picks one with `resolveConflict` (finding `conflict.field`).
 */
export type Conflict =
  | { readonly kind: "child"; readonly id: string; readonly field: ChildField; readonly values: ConflictValue[] }
  | { readonly kind: "guardian"; readonly id: string; readonly field: GuardianField; readonly values: ConflictValue[] };

const recordKey = (code: KindCode, id: string) => `${code}:${id}`;

/**
 * Index of the `edits` log by record and field, with the set of fields in conflict kept
 * up to date as entries come and go, so reading conflicts never scans the log.
 */
export class EditLogIndex {
  private readonly byRecord = new Map<string, Map<string, FieldHistory>>();
  /** Record key → fields currently in conflict. */
  private readonly conflicted = new Map<string, Set<string>>();

  /** Indexes an entry; false when an entry with its id is already indexed. */
  add(entry: EditEntry): boolean {
    const key = recordKey(entry.k, entry.r);
    let fields = this.byRecord.get(key);
    if (fields === undefined) this.byRecord.set(key, (fields = new Map()));
    let history = fields.get(entry.f);
    if (history === undefined) fields.set(entry.f, (history = new FieldHistory()));
    if (!history.add(entry)) return false;
    this.refresh(key, entry.f, history);
    return true;
  }

  /** Forgets an entry (deleted from the log); false when it was not indexed. */
  remove(entry: EditEntry): boolean {
    const key = recordKey(entry.k, entry.r);
    const fields = this.byRecord.get(key);
    const history = fields?.get(entry.f);
    if (fields === undefined || history === undefined || !history.remove(entry.i)) return false;
    this.refresh(key, entry.f, history);
    if (history.isEmpty()) fields.delete(entry.f);
    if (fields.size === 0) this.byRecord.delete(key);
    return true;
  }

  /** The heads of one field: the latest values no known write has replaced. */
  heads(code: KindCode, id: string, field: string): EditEntry[] {
    return this.byRecord.get(recordKey(code, id))?.get(field)?.heads() ?? [];
  }

  /** The heads of one field as values with their writers, oldest first. */
  latestWrites(code: KindCode, id: string, field: string): ConflictValue[] {
    return this.heads(code, id, field)
      .map((h): ConflictValue => ({ value: h.v, by: h.a, name: h.n, at: h.t, entryId: h.i }))
      .sort((x, y) => compareText(x.at, y.at) || compareText(x.entryId, y.entryId));
  }

  /** The writes of one field the log still holds, newest first. */
  changes(code: KindCode, id: string, field: string): LocalFieldChange[] {
    return this.byRecord.get(recordKey(code, id))?.get(field)?.changes() ?? [];
  }

  /** Every conflict, sorted by kind, record id and field so all peers list them alike. */
  conflicts(): Conflict[] {
    const all: Conflict[] = [];
    for (const [key, fields] of this.conflicted) {
      const code = key.slice(0, 1) as KindCode;
      const id = key.slice(2);
      for (const field of fields) all.push(this.conflict(code, id, field));
    }
    return all.sort(compareConflicts);
  }

  /** The conflicts of one record, sorted by field. */
  conflictsOf(code: KindCode, id: string): Conflict[] {
    const fields = this.conflicted.get(recordKey(code, id));
    if (fields === undefined) return [];
    return [...fields].sort().map((field) => this.conflict(code, id, field));
  }

  private refresh(key: string, field: string, history: FieldHistory): void {
    let fields = this.conflicted.get(key);
    if (history.inConflict()) {
      if (fields === undefined) this.conflicted.set(key, (fields = new Set()));
      fields.add(field);
    } else if (fields !== undefined) {
      fields.delete(field);
      if (fields.size === 0) this.conflicted.delete(key);
    }
  }

  private conflict(code: KindCode, id: string, field: string): Conflict {
    const values = this.latestWrites(code, id, field);
    // Entries are only indexed when their field belongs to their kind (readEditEntry).
    return code === "c"
      ? { kind: "child", id, field: field as ChildField, values }
      : { kind: "guardian", id, field: field as GuardianField, values };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareConflicts(a: Conflict, b: Conflict): number {
  return compareText(a.kind, b.kind) || compareText(a.id, b.id) || compareText(a.field, b.field);
}

import * as Y from "yjs";
import type {
  Child,
  ChildField,
  ChildFields,
  FieldValue,
  Guardian,
  GuardianField,
  GuardianFields,
  RecordKind,
} from "@roster/schema";
import { ChangeFeed } from "./change-feed";
import type { TransactionInfo } from "./change-feed";
import { readEditEntry } from "./edit-entry";
import type { EditEntry } from "./edit-entry";
import { EditLogIndex } from "./edit-log-index";
import type { Conflict, ConflictValue } from "./edit-log-index";
import type { LocalFieldChange } from "./field-history";
import { RecordNotFoundError } from "./errors";
import { entryId, newRecordId } from "./ids";
import { recordsParts } from "./layout";
import type { RecordMap } from "./layout";
import { CHILD_KIND, GUARDIAN_KIND, readRecordMap, validatePatch } from "./record-kinds";
import type { InvalidValue, KindSpec } from "./record-kinds";
import { watchRecordsDoc } from "./watch-records-doc";

/** Who makes a change: recorded in the edit log so a conflict can show who typed what. */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

/** Ids of the records one transaction touched (a field, the record itself, or its log entries). */
export interface RecordChanges {
  readonly children: Set<string>;
  readonly guardians: Set<string>;
}

/** Options of {@link RosterRecords}. */
export interface RosterRecordsOptions {
  /** Clock for the `at` of log entries; tests pass a fixed one. */
  readonly now?: () => Date;
}

/** A value a field may be set to (`undefined` is not a value: a field is cleared with `null`). */
type ValueOf<T, F extends keyof T> = Exclude<T[F], undefined>;

/**
 * Typed access to a roster's records document (DESIGN.md "Records document"). Reads
 * validate each stored value against its field schema; writes validate before writing,
 * run in one `doc.transact(fn, origin)` each, and log every change of an existing
 * record's field so that concurrent same-field edits surface as {@link Conflict}s.
 *
 * Several writes can share one transaction: wrap them in `doc.transact(() => …, origin)`.
 */
export class RosterRecords {
  private readonly children: Y.Map<unknown>;
  private readonly guardians: Y.Map<unknown>;
  private readonly edits: Y.Array<unknown>;
  private readonly index = new EditLogIndex();
  private readonly feed: ChangeFeed<RecordChanges>;
  private readonly now: () => Date;
  private readonly stopWatching: () => void;

  constructor(
    readonly doc: Y.Doc,
    options: RosterRecordsOptions = {},
  ) {
    const parts = recordsParts(doc);
    this.children = parts.children;
    this.guardians = parts.guardians;
    this.edits = parts.edits;
    this.now = options.now ?? (() => new Date());
    this.feed = new ChangeFeed<RecordChanges>(doc, () => ({ children: new Set<string>(), guardians: new Set<string>() }));
    for (const raw of this.edits.toArray()) {
      const entry = readEditEntry(raw);
      if (entry !== undefined) this.index.add(entry);
    }
    this.stopWatching = watchRecordsDoc({ ...parts, index: this.index, feed: this.feed });
  }

  /** Adds a child and returns its new id. Throws `InvalidFieldError` before writing anything. */
  createChild(fields: ChildFields, origin?: unknown): string {
    return this.create(CHILD_KIND, this.children, fields, origin);
  }

  /** Sets one field of a child; false when it already held that value and had no conflict. */
  setChildField<F extends ChildField>(
    id: string,
    field: F,
    value: ValueOf<ChildFields, F>,
    actor: Actor,
    origin?: unknown,
  ): boolean {
    return this.write(CHILD_KIND, this.children, id, { [field]: value }, actor, origin).length > 0;
  }

  /** Sets several fields of a child in one transaction; returns the fields actually changed. */
  updateChild(id: string, patch: ChildFields, actor: Actor, origin?: unknown): ChildField[] {
    return this.write(CHILD_KIND, this.children, id, patch, actor, origin);
  }

  /** Marks a child removed with a reason (nothing is ever hard-deleted); returns the fields changed. */
  removeChild(id: string, reason: string, actor: Actor, origin?: unknown): ChildField[] {
    return this.updateChild(id, { removed: true, removedReason: reason }, actor, origin);
  }

  /** The child with its valid fields, or undefined. Removed children are returned too. */
  getChild(id: string): Child | undefined {
    const map = recordMap(this.children, id);
    return map && ({ ...readRecordMap(CHILD_KIND, map).values, id } as Child);
  }

  /** Every child (without removed ones unless asked), in document order: callers sort. */
  listChildren(options: { includeRemoved?: boolean } = {}): Child[] {
    const list: Child[] = [];
    for (const [id, map] of this.children.entries()) {
      if (!(map instanceof Y.Map)) continue;
      const child = { ...readRecordMap(CHILD_KIND, map).values, id } as Child;
      if (options.includeRemoved === true || child.removed !== true) list.push(child);
    }
    return list;
  }

  /** Adds a guardian and returns its new id. Throws `InvalidFieldError` before writing anything. */
  createGuardian(fields: GuardianFields, origin?: unknown): string {
    return this.create(GUARDIAN_KIND, this.guardians, fields, origin);
  }

  /** Sets one field of a guardian; false when it already held that value and had no conflict. */
  setGuardianField<F extends GuardianField>(
    id: string,
    field: F,
    value: ValueOf<GuardianFields, F>,
    actor: Actor,
    origin?: unknown,
  ): boolean {
    return this.write(GUARDIAN_KIND, this.guardians, id, { [field]: value }, actor, origin).length > 0;
  }

  /** Sets several fields of a guardian in one transaction; returns the fields actually changed. */
  updateGuardian(id: string, patch: GuardianFields, actor: Actor, origin?: unknown): GuardianField[] {
    return this.write(GUARDIAN_KIND, this.guardians, id, patch, actor, origin);
  }

  /** The guardian with its valid fields, or undefined. */
  getGuardian(id: string): Guardian | undefined {
    const map = recordMap(this.guardians, id);
    return map && ({ ...readRecordMap(GUARDIAN_KIND, map).values, id } as Guardian);
  }

  /** Every guardian, in document order. */
  listGuardians(): Guardian[] {
    const list: Guardian[] = [];
    for (const [id, map] of this.guardians.entries()) {
      if (map instanceof Y.Map) list.push({ ...readRecordMap(GUARDIAN_KIND, map).values, id } as Guardian);
    }
    return list;
  }

  /** Guardians by id, as the rules' `evaluate(child, {guardians})` wants them. */
  guardiansById(): Record<string, Guardian> {
    return Object.fromEntries(this.listGuardians().map((g) => [g.id, g]));
  }

  /** Stored values of a record that fail their field schema (left out of the typed record). */
  invalidFields(kind: RecordKind, id: string): InvalidValue[] {
    if (kind === "guardian") {
      const map = recordMap(this.guardians, id);
      return map ? readRecordMap(GUARDIAN_KIND, map).invalid : [];
    }
    const map = recordMap(this.children, id);
    return map ? readRecordMap(CHILD_KIND, map).invalid : [];
  }

  /** Every unresolved conflict, sorted by kind, id and field (identical on converged peers). */
  conflicts(): Conflict[] {
    return this.index.conflicts();
  }

  /**
   * The writes of one field this device's copy of the log still holds, newest first. The
   * log is compacted, so this is recent history only; the server's audit has all of it.
   */
  fieldChanges(kind: RecordKind, id: string, field: string): LocalFieldChange[] {
    return this.index.changes(kind === "child" ? "c" : "g", id, field);
  }

  /** The unresolved conflicts of one record, sorted by field. */
  conflictsOf(kind: RecordKind, id: string): Conflict[] {
    return this.index.conflictsOf(kind === "child" ? "c" : "g", id);
  }

  /**
   * The latest writes of one field that no known write replaced, oldest first: one when
   * the field is settled (who set the value shown), several while it is in conflict.
   * Empty when the field was never changed since the record was created.
   */
  latestWrites(kind: RecordKind, id: string, field: ChildField | GuardianField): ConflictValue[] {
    return this.index.latestWrites(kind === "child" ? "c" : "g", id, field);
  }

  /**
   * Writes a value a person typed on top of the writes they had seen (`seen`: entry ids of
   * {@link latestWrites} when they began). Writes others made meanwhile are not replaced:
   * when their value differs, the field is in conflict until someone picks, so neither the
   * typed text nor the other value is lost. False when nothing needed writing.
   */
  writeOver(
    kind: RecordKind, id: string, field: ChildField | GuardianField, value: FieldValue, actor: Actor,
    seen: readonly string[], origin?: unknown,
  ): boolean {
    const patch = { [field]: value };
    return kind === "child"
      ? this.write(CHILD_KIND, this.children, id, patch, actor, origin, seen).length > 0
      : this.write(GUARDIAN_KIND, this.guardians, id, patch, actor, origin, seen).length > 0;
  }

  /**
   * Picks the value of a field in conflict. The write replaces every value this peer
   * knows (as any write does), so the conflict is gone here and, once synced, everywhere,
   * unless someone offline wrote the field meanwhile: then that is a new conflict.
   */
  resolveConflict<F extends ChildField>(
    kind: "child", id: string, field: F, value: ValueOf<ChildFields, F>, actor: Actor, origin?: unknown,
  ): boolean;
  resolveConflict<F extends GuardianField>(
    kind: "guardian", id: string, field: F, value: ValueOf<GuardianFields, F>, actor: Actor, origin?: unknown,
  ): boolean;
  resolveConflict(
    kind: RecordKind, id: string, field: string, value: unknown, actor: Actor, origin?: unknown,
  ): boolean {
    const patch = { [field]: value };
    return kind === "child"
      ? this.write(CHILD_KIND, this.children, id, patch, actor, origin).length > 0
      : this.write(GUARDIAN_KIND, this.guardians, id, patch, actor, origin).length > 0;
  }

  /**
   * Calls `listener` after every transaction, local or remote, that touched records, with
   * their ids and the transaction's origin. Returns the function that unsubscribes.
   */
  onChange(listener: (changes: RecordChanges & TransactionInfo) => void): () => void {
    return this.feed.subscribe(listener);
  }

  /** Removes this wrapper's observers; the document stays usable, this wrapper does not. */
  destroy(): void {
    this.stopWatching();
    this.feed.destroy();
  }

  private create<F extends string>(spec: KindSpec<F>, parent: Y.Map<unknown>, fields: object, origin: unknown): string {
    const values = validatePatch(spec, fields);
    const id = newRecordId();
    this.doc.transact(() => {
      // No log entries at creation: nobody else can know the new id yet, so no write of
      // these fields can be concurrent with them.
      const record = new Y.Map<unknown>();
      for (const [field, value] of values) record.set(field, value);
      parent.set(id, record);
    }, origin);
    return id;
  }

  private write<F extends string>(
    spec: KindSpec<F>,
    parent: Y.Map<unknown>,
    id: string,
    patch: object,
    actor: Actor,
    origin: unknown,
    seen?: readonly string[],
  ): F[] {
    const values = validatePatch(spec, patch);
    const record = recordMap(parent, id);
    if (record === undefined) throw new RecordNotFoundError(spec.kind, id);
    const written: F[] = [];
    this.doc.transact(() => {
      const at = this.now().toISOString();
      const drafts: Array<Omit<EditEntry, "i">> = [];
      for (const [field, value] of values) {
        const heads = this.index.heads(spec.code, id, field);
        const conflicted = new Set(heads.map((h) => h.v)).size > 1;
        const unseen = seen === undefined ? [] : heads.filter((h) => !seen.includes(h.i));
        if (record.get(field) === value && !conflicted && unseen.every((h) => h.v === value)) continue;
        record.set(field, value);
        const prev = (seen === undefined ? heads : heads.filter((h) => seen.includes(h.i))).map((h) => h.i);
        drafts.push({ k: spec.code, r: id, f: field, v: value, a: actor.id, n: actor.name, t: at, p: prev });
        written.push(field);
      }
      if (drafts.length === 0) return;
      // Entries go after the map writes: Yjs integrates one client's items in clock
      // order, so a peer that holds an entry also holds the value it describes. The
      // inserted item gets exactly the current clock, which names the entries.
      // insert(length) rather than push(): push walks the whole array every time.
      const clock = Y.getState(this.doc.store, this.doc.clientID);
      const entries = drafts.map((d, n): EditEntry => ({ i: entryId(this.doc.clientID, clock + n), ...d }));
      this.edits.insert(this.edits.length, entries);
      // Index now, not when the observer runs after the transaction, so a second write
      // of the same field inside one caller's transaction sees this one as its head.
      for (const entry of entries) this.index.add(entry);
    }, origin);
    return written;
  }
}

function recordMap(parent: Y.Map<unknown>, id: string): RecordMap | undefined {
  const value = parent.get(id);
  return value instanceof Y.Map ? value : undefined;
}

import { RECORDS_LAYOUT } from "@roster/doc";
import type { FieldValue, RecordKind } from "@roster/schema";
import * as Y from "yjs";
import { contextOf } from "../audit/change-origin";
import type { PushedChange, RoomHooks } from "../sync";
import { repairEditAuthors } from "./edit-authors";
import { isStorableValue } from "./field-rules";
import { describeValue, type Repair } from "./repair";
import { isNewIn, itemValue, keyItem, keyItems, mapOf, newStructs, olderItems, valueBefore, type ItemValue } from "./yjs-items";

/**
 * The Yjs client id of every write the guard makes. The lowest possible id: when a repair
 * and a real edit of the same field are concurrent, Yjs keeps the higher client id, so
 * the person's edit wins, and a repair never hides anyone's work. One writer at a time
 * uses it per roster (the one server that holds the roster's room); its clock continues
 * from the stored document, so ids never repeat.
 */
export const REPAIR_CLIENT_ID = 0;

interface Collection {
  kind: RecordKind;
  map: Y.Map<unknown>;
}

/**
 * The server guard of a records document (DESIGN.md "What the server accepts from a
 * client"), run by the room inside the transaction of every writable client's update:
 *
 * - a child or guardian map deleted, or its key removed or overwritten: the record is
 *   put back with its last good values, in a new map under the same key (Yjs cannot
 *   undelete); a record replaced by another map keeps the new map's values and gets the
 *   missing ones back;
 * - a field deleted, or set to a value `isStorableValue` refuses: the last good value is
 *   written back (or the key removed, when it never held one);
 * - edits that offline clients make later to a record that was deleted and put back are
 *   carried into the restored record, unless someone changed that field there since;
 * - a field write that loses a Yjs tie against a repair is written again, so it wins;
 * - edit-log entries naming another author get the sender's real identity.
 *
 * Deleted record maps and their fields are kept readable by `gcFilter`, so the late
 * edits above still integrate (into the deleted map) and can be carried.
 */
export class RecordsGuard {
  /** What it did so far: repairs audited, late edits carried, lost writes written again. */
  readonly counts = { repairs: 0, carried: 0, reasserted: 0 };
  private readonly repairs = new WeakMap<Y.Transaction, Repair[]>();

  /** The room hooks this guard provides. */
  hooks(): Required<Pick<RoomHooks, "gcFilter" | "filterPush">> {
    return { gcFilter: this.gcFilter, filterPush: this.filterPush };
  }

  /** What the guard repaired in a transaction (for the audit), empty if nothing. */
  repairsIn(transaction: Y.Transaction): readonly Repair[] {
    return this.repairs.get(transaction) ?? [];
  }

  /** Yjs gcFilter: keep deleted record maps and the fields inside them. */
  readonly gcFilter = (item: Y.Item): boolean => {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return true;
    if (parent._item === null) return !(mapOf(item) && isCollection(parent));
    const record = parent._item;
    return !(record.deleted && record.parent instanceof Y.AbstractType && isCollection(record.parent));
  };

  readonly filterPush = ({ doc, transaction, connection }: PushedChange): boolean => {
    const context = contextOf(connection);
    // Typed roots (a freshly loaded document has plain ones until someone asks for maps).
    doc.getMap(RECORDS_LAYOUT.children);
    doc.getMap(RECORDS_LAYOUT.guardians);
    // Collected before the guard writes anything, so its own structs are not in the list.
    const structs = newStructs(transaction);
    const found: Repair[] = [];
    const own = doc.clientID;
    const run = new GuardRun(doc, transaction, found, this.counts);
    try {
      this.check(run, transaction, structs, context);
    } finally {
      // The room's own id again before the transaction ends: Yjs would otherwise take the
      // repairs in this remote transaction for another client using its id, and pick a new one.
      doc.clientID = own;
    }
    if (found.length === 0 && !run.wrote) return false;
    if (found.length > 0) this.repairs.set(transaction, found);
    this.counts.repairs += found.length;
    return true;
  };

  private check(run: GuardRun, transaction: Y.Transaction, structs: readonly Y.AbstractStruct[], context: ReturnType<typeof contextOf>): void {
    for (const [type, keys] of [...transaction.changed]) {
      if (!(type instanceof Y.Map)) continue;
      const map = type as Y.Map<unknown>;
      const collection = collectionOf(map);
      if (collection) {
        for (const key of keys) if (key !== null) run.checkRecordKey(collection, key);
        continue;
      }
      const record = map._item?.deleted ? undefined : recordOf(map);
      if (record) for (const key of keys) if (key !== null) run.checkField(record.collection, record.id, map, key);
    }
    run.carryLateEdits(structs);
    if (context) run.found.push(...repairEditAuthors(transaction.doc, transaction, structs, context.user, run.beforeWrite));
  }
}

/** One guard pass over one transaction. */
class GuardRun {
  wrote = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly transaction: Y.Transaction,
    readonly found: Repair[],
    private readonly counts: RecordsGuard["counts"],
  ) {}

  /** Called before each write: the guard's writes carry the lowest client id. */
  readonly beforeWrite = (): void => {
    this.doc.clientID = REPAIR_CLIENT_ID;
    this.wrote = true;
  };

  /** A key of `children` / `guardians` the update touched. */
  checkRecordKey({ kind, map: collection }: Collection, id: string): void {
    const current = keyItem(collection, id);
    if (current === undefined) return;
    const isNew = isNewIn(this.transaction, current);
    if (!current.deleted && !isNew) return; // the record stands; the update's item for this key lost to it
    const previous = this.previousRecord(current);
    const replacement = current.deleted ? undefined : mapOf(current);
    if (replacement) {
      // A new record, or another map put over an existing one: its values are checked like
      // any write, and a replaced record's values it lacks come back.
      this.checkNewRecord(kind, id, replacement, previous);
      return;
    }
    const attempted = current.deleted ? null : shown(itemValue(current));
    if (previous) {
      const restored = new Y.Map<unknown>();
      for (const [field, value] of this.goodValues(kind, previous)) restored.set(field, value);
      this.beforeWrite();
      collection.set(id, restored);
      this.found.push({ kind, id, field: "*", attempted, restored: "record" });
    } else if (!current.deleted) {
      // A key that never held a record, set to something that is not one.
      this.beforeWrite();
      collection.delete(id);
      this.found.push({ kind, id, field: "*", attempted, restored: null });
    }
  }

  /** A field of an existing record the update touched. */
  checkField(collection: Collection, id: string, record: Y.Map<unknown>, field: string): void {
    const { kind } = collection;
    const current = keyItem(record, field);
    if (current === undefined) return;
    const accept = (value: unknown) => isStorableValue(kind, field, value);
    if (current.deleted) {
      const last = this.valueBefore(current, accept);
      if (!last.readable) return;
      this.beforeWrite();
      record.set(field, last.value);
      this.found.push({ kind, id, field, attempted: null, restored: last.value as FieldValue });
      return;
    }
    const read = itemValue(current);
    if (isNewIn(this.transaction, current)) {
      if (read.readable && accept(read.value)) return;
      const last = this.valueBefore(current, accept);
      this.beforeWrite();
      if (last.readable) record.set(field, last.value);
      else record.delete(field);
      this.found.push({ kind, id, field, attempted: shown(read), restored: last.readable ? (last.value as FieldValue) : null });
      return;
    }
    if (current.id.client === REPAIR_CLIENT_ID) this.reassertLostWrite(record, current, accept);
  }

  /**
   * Offline clients' edits to a record that was deleted (and put back) integrate into the
   * deleted map. Each such field whose new value wins there (as it would have without the
   * deletion) is written into the restored record, unless someone changed that field in
   * the restored record since it was put back.
   */
  carryLateEdits(structs: readonly Y.AbstractStruct[]): void {
    const touched = new Map<Y.Map<unknown>, Set<string>>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.parentSub === null || !(struct.parent instanceof Y.Map)) continue;
      const tomb = struct.parent as Y.Map<unknown>;
      if (!tomb._item?.deleted || !recordOf(tomb)) continue;
      let fields = touched.get(tomb);
      if (!fields) touched.set(tomb, (fields = new Set()));
      fields.add(struct.parentSub);
    }
    for (const [tomb, fields] of touched) {
      const { collection, id } = recordOf(tomb) as { collection: Collection; id: string };
      const live = collection.map.get(id);
      if (!(live instanceof Y.Map)) continue;
      for (const field of fields) {
        const winner = keyItem(tomb, field);
        if (!winner || !isNewIn(this.transaction, winner)) continue;
        const read = itemValue(winner);
        if (!read.readable || !isStorableValue(collection.kind, field, read.value)) continue;
        const before = this.valueBefore(winner, (value) => isStorableValue(collection.kind, field, value));
        const restoredWith = before.readable ? before.value : undefined;
        if (live.get(field) !== restoredWith || live.get(field) === read.value) continue;
        this.beforeWrite();
        live.set(field, read.value);
        this.counts.carried += 1;
      }
    }
  }

  /**
   * The field's current value is a repair, and this update holds a write of the same field
   * that lost to it in Yjs' tie-break (it was concurrent with the repair): write it again,
   * after the repair, so the person's edit is what stays.
   */
  private reassertLostWrite(record: Y.Map<unknown>, current: Y.Item, accept: (value: unknown) => boolean): void {
    const now = itemValue(current);
    for (const item of olderItems(current.left)) {
      if (!isNewIn(this.transaction, item) || item.id.client === REPAIR_CLIENT_ID) continue;
      const read = itemValue(item);
      if (!read.readable || !accept(read.value)) continue;
      if (now.readable && now.value === read.value) return;
      this.beforeWrite();
      record.set(item.parentSub as string, read.value);
      this.counts.reasserted += 1;
      return;
    }
  }

  /**
   * The record map to put back at a key: the one it held before this transaction, or one
   * this very update created and then deleted or overwrote (a record nobody else saw yet
   * is still someone's work).
   */
  private previousRecord(current: Y.Item): Y.Map<unknown> | undefined {
    for (const item of olderItems(current)) {
      if (item === current && !current.deleted) continue; // the key's live value is not "previous"
      const map = mapOf(item);
      if (map || !isNewIn(this.transaction, item)) return map;
    }
    return undefined;
  }

  /** The value a key held before this transaction, if `accept` takes it. */
  private valueBefore(current: Y.Item, accept: (value: unknown) => boolean): ItemValue {
    const read = valueBefore(this.transaction, current);
    return read.readable && accept(read.value) ? read : { readable: false };
  }

  /**
   * The last good value of every field of a record map: as it was before this transaction,
   * or, for a map this transaction created, its newest good values.
   */
  private goodValues(kind: RecordKind, map: Y.Map<unknown>): Map<string, unknown> {
    const created = map._item !== null && isNewIn(this.transaction, map._item);
    const values = new Map<string, unknown>();
    for (const [field, item] of keyItems(map)) {
      const accept = (value: unknown) => isStorableValue(kind, field, value);
      const read = created ? newestGood(item, accept) : this.valueBefore(item, accept);
      if (read.readable) values.set(field, read.value);
    }
    return values;
  }

  private checkNewRecord(kind: RecordKind, id: string, map: Y.Map<unknown>, previous: Y.Map<unknown> | undefined): void {
    const before = previous ? this.goodValues(kind, previous) : new Map<string, unknown>();
    for (const [field, item] of [...keyItems(map)]) {
      if (item.deleted) continue;
      const read = itemValue(item);
      if (read.readable && isStorableValue(kind, field, read.value)) continue;
      this.beforeWrite();
      if (before.has(field)) map.set(field, before.get(field));
      else map.delete(field);
      this.found.push({ kind, id, field, attempted: shown(read), restored: (before.get(field) ?? null) as FieldValue });
    }
    if (!previous) return;
    let filled = false;
    for (const [field, value] of before) {
      if (map.has(field)) continue;
      this.beforeWrite();
      map.set(field, value);
      filled = true;
    }
    if (filled) this.found.push({ kind, id, field: "*", attempted: null, restored: "record" });
  }
}

/** The newest value of a key that `accept` takes, from `from` leftwards. */
function newestGood(from: Y.Item, accept: (value: unknown) => boolean): ItemValue {
  for (const item of olderItems(from)) {
    const read = itemValue(item);
    if (read.readable && accept(read.value)) return read;
  }
  return { readable: false };
}

/** A value read from an item, as the audit shows what a client attempted. */
function shown(read: ItemValue): FieldValue {
  return describeValue(read.readable ? read.value : null);
}

/**
 * Whether a type is the `children` or `guardians` root. While a stored document loads,
 * its roots are plain `AbstractType`s until someone asks for them as maps, hence no
 * `instanceof Y.Map` here.
 */
function isCollection(type: Y.AbstractType<unknown>): boolean {
  if (type._item !== null || type.doc === null) return false;
  const share: Map<string, unknown> = type.doc.share;
  return share.get(RECORDS_LAYOUT.children) === type || share.get(RECORDS_LAYOUT.guardians) === type;
}

/** `children` or `guardians`, when `map` is one of them. */
function collectionOf(map: Y.Map<unknown>): Collection | undefined {
  if (map._item !== null || map.doc === null) return undefined;
  const root: unknown = map;
  if (root === map.doc.share.get(RECORDS_LAYOUT.children)) return { kind: "child", map };
  if (root === map.doc.share.get(RECORDS_LAYOUT.guardians)) return { kind: "guardian", map };
  return undefined;
}

/** The collection and id of a record map (deleted or not). */
function recordOf(map: Y.Map<unknown>): { collection: Collection; id: string } | undefined {
  const item = map._item;
  if (item === null || typeof item.parentSub !== "string" || !(item.parent instanceof Y.Map)) return undefined;
  const collection = collectionOf(item.parent as Y.Map<unknown>);
  return collection && { collection, id: item.parentSub };
}

import type { FieldValue } from "@roster/schema";
import type { EditEntry } from "./edit-entry";

/** One write of a field as this device's copy of the edit log knows it (the log is compacted: recent writes only). */
export interface LocalFieldChange {
  /** When, on the writer's clock. */
  readonly at: string;
  readonly userId: string;
  readonly userName: string;
  /** The value it replaced, when the device still has that entry; null otherwise. */
  readonly from: FieldValue;
  readonly to: FieldValue;
}

/**
 * The log entries of one (kind, record, field) and which of them are heads: entries no
 * other present entry lists in its `p`. Kept incrementally, so adding or removing one
 * entry costs O(|p|), never a rescan.
 */
export class FieldHistory {
  private readonly entries = new Map<string, EditEntry>();
  /** How many present entries list each id in their `p` (ids may name absent entries). */
  private readonly refs = new Map<string, number>();
  private readonly headIds = new Set<string>();

  /** Adds an entry; false when an entry with this id is already indexed. */
  add(entry: EditEntry): boolean {
    if (this.entries.has(entry.i)) return false;
    this.entries.set(entry.i, entry);
    for (const id of new Set(entry.p)) {
      this.refs.set(id, (this.refs.get(id) ?? 0) + 1);
      this.headIds.delete(id);
    }
    // An entry may arrive after one that replaced it (Yjs does not deliver across
    // clients in causal order), in which case it is no head from the start.
    if (!this.refs.has(entry.i)) this.headIds.add(entry.i);
    return true;
  }

  /** Removes the entry with this id; false when none is indexed. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    this.headIds.delete(id);
    for (const prev of new Set(entry.p)) {
      const count = (this.refs.get(prev) ?? 1) - 1;
      if (count > 0) {
        this.refs.set(prev, count);
      } else {
        this.refs.delete(prev);
        if (this.entries.has(prev)) this.headIds.add(prev);
      }
    }
    return true;
  }

  /** The current heads. */
  heads(): EditEntry[] {
    const heads: EditEntry[] = [];
    for (const id of this.headIds) {
      const entry = this.entries.get(id);
      if (entry !== undefined) heads.push(entry);
    }
    return heads;
  }

  /** Every write this log still holds, newest first (by the writer's clock, then id). */
  changes(): LocalFieldChange[] {
    const list = [...this.entries.values()].map((e): LocalFieldChange => {
      const replaced = e.p.map((id) => this.entries.get(id)).find((p) => p !== undefined);
      return { at: e.t, userId: e.a, userName: e.n, from: replaced?.v ?? null, to: e.v };
    });
    return list.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  /** Two or more heads that disagree: concurrent writes nobody has chosen between yet. */
  inConflict(): boolean {
    if (this.headIds.size < 2) return false;
    const values = new Set(this.heads().map((h) => h.v));
    return values.size > 1;
  }

  /** Nothing left to remember: no entry and no reference to a missing one. */
  isEmpty(): boolean {
    return this.entries.size === 0 && this.refs.size === 0;
  }
}

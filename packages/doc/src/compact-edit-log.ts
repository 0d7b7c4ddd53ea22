import * as Y from "yjs";
import { readEditEntry } from "./edit-entry";
import type { EditEntry } from "./edit-entry";
import { parseEntryId } from "./ids";
import { recordsParts } from "./layout";

interface Slot {
  readonly index: number;
  readonly entry: EditEntry;
}

/**
 * Deletes the edit-log entries that no longer matter: those another entry has replaced.
 * Returns how many entries were deleted. The server calls it before taking a snapshot.
 *
 * Why this is safe: conflicts are computed from heads, entries no present entry lists
 * in its `p`. Heads are never deleted, and a deleted entry is always referenced by an
 * entry that stays (or by one that is deleted and itself referenced by one that stays:
 * `p` only names older entries, so the chain ends at a kept one). So after the merge
 * of any number of compactions and concurrent writes, the heads of what remains are
 * exactly the heads of the full history, and no concurrent value can reappear or vanish.
 *
 * One case needs care because Yjs does not deliver updates of different clients in
 * causal order: this peer may hold an entry B whose `p` names an entry A that has not
 * arrived yet. Deleting B would make A look like a head when it arrives. So an entry
 * whose `p` names an unsettled entry (not yet integrated here, as told by the Yjs
 * position in its id) is kept, and so is every entry that references a kept non-head,
 * so the kept one never looks like a head either. A later compaction deletes them.
 */
export function compactEditLog(doc: Y.Doc, origin?: unknown): number {
  const { edits } = recordsParts(doc);
  const groups = new Map<string, Slot[]>();
  edits.toArray().forEach((raw, index) => {
    const entry = readEditEntry(raw);
    if (entry === undefined) return;
    const key = `${entry.k}:${entry.r}\u0000${entry.f}`;
    let slots = groups.get(key);
    if (slots === undefined) groups.set(key, (slots = []));
    slots.push({ index, entry });
  });

  const isSettled = (id: string, present: ReadonlyMap<string, unknown>) => {
    if (present.has(id)) return true;
    const position = parseEntryId(id);
    // An id this package did not make cannot be located; treat it as settled.
    return position === undefined || Y.getState(doc.store, position.client) > position.clock;
  };

  const doomed: number[] = [];
  for (const slots of groups.values()) {
    const present = new Map(slots.map((s) => [s.entry.i, s.entry]));
    const referencers = new Map<string, string[]>();
    for (const { entry } of slots) {
      for (const prev of new Set(entry.p)) {
        if (!present.has(prev)) continue;
        let list = referencers.get(prev);
        if (list === undefined) referencers.set(prev, (list = []));
        list.push(entry.i);
      }
    }
    const keep = new Set<string>();
    const pending: string[] = [];
    for (const entry of present.values()) {
      if (!referencers.has(entry.i)) keep.add(entry.i);
      else if (entry.p.some((prev) => !isSettled(prev, present))) pending.push(entry.i);
    }
    while (pending.length > 0) {
      const id = pending.pop() as string;
      if (keep.has(id)) continue;
      keep.add(id);
      pending.push(...(referencers.get(id) ?? []));
    }
    for (const { index, entry } of slots) if (!keep.has(entry.i)) doomed.push(index);
  }
  if (doomed.length === 0) return 0;

  doc.transact(() => {
    // Delete from the end in runs of adjacent indexes, so earlier indexes stay valid.
    doomed.sort((a, b) => b - a);
    let run = 0;
    for (let k = 0; k < doomed.length; k++) {
      const index = doomed[k] as number;
      run++;
      if (doomed[k + 1] !== index - 1) {
        edits.delete(index, run);
        run = 0;
      }
    }
  }, origin);
  return doomed.length;
}

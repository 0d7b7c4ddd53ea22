import type { Child, Guardian } from "@roster/schema";
import { DUPLICATE_FULL_GROUP, duplicateKeysOf, findDuplicates, type DuplicateKeys, type DuplicatePair } from "@roster/rules";

// Past this many changed children at once, the pairs are found over the whole roster again.
const MAX_BATCH = 500;

const NO_KEYS: DuplicateKeys = Object.freeze({});

function keysOf(child: Child | undefined): DuplicateKeys {
  return child ? duplicateKeysOf(child) : NO_KEYS;
}

function pairKey(p: DuplicatePair): string {
  return `${p.code}\u0000${p.a}\u0000${p.b}`;
}

function samePairs(x: readonly DuplicatePair[], y: readonly DuplicatePair[]): boolean {
  if (x.length !== y.length) return false;
  const keys = new Set(x.map(pairKey));
  return y.every((p) => keys.has(pairKey(p)));
}

function other(pair: DuplicatePair, id: string): string {
  return pair.a === id ? pair.b : pair.a;
}

const NONE: readonly DuplicatePair[] = Object.freeze([]);

/**
 * The duplicate pairs of a roster (`findDuplicates` of the rules), kept up to date child
 * by child: after an edit only the children that could pair with the edited one (same ID
 * number, BHYT key, date of birth or its day–month swap, before or after the edit) are
 * compared, so typing in a roster of thousands does not rescan it. The result is the
 * same as `findDuplicates` over the whole roster (see the test).
 */
export class DuplicateIndex {
  private pairsById = new Map<string, DuplicatePair[]>();
  private keysById = new Map<string, DuplicateKeys>();
  private readonly byKey = new Map<string, Set<string>>();

  /** The pairs naming `id` (either side). */
  pairsOf(id: string): readonly DuplicatePair[] {
    return this.pairsById.get(id) ?? NONE;
  }

  /** Every pair, from scratch, over `children` (removed ones included; they are skipped). */
  rebuild(children: ReadonlyMap<string, Child>, guardians: Record<string, Guardian>): void {
    this.keysById.clear();
    this.byKey.clear();
    for (const [id, child] of children) this.index(id, keysOf(child));
    this.pairsById = this.pairsFromScratch(children, guardians);
  }

  /**
   * Brings the pairs up to date after the children `ids` changed (fields, removal, or a
   * linked guardian's ID number); `children` and `guardians` are the roster as it is now.
   * Returns the ids whose pairs changed (their duplicate findings may have).
   */
  update(ids: Iterable<string>, children: ReadonlyMap<string, Child>, guardians: Record<string, Guardian>): Set<string> {
    const list = [...ids];
    // A sync that brings a whole roster: one pass over everything is cheaper than one per child.
    if (list.length > MAX_BATCH) return this.rebuildAndDiff(children, guardians);
    const changed = new Set<string>();
    for (const id of list) {
      const before = this.keysById.get(id) ?? {};
      this.unindex(id, before);
      const after = keysOf(children.get(id));
      this.index(id, after);
      const candidates = new Set<string>([id]);
      this.addSharing(candidates, before);
      this.addSharing(candidates, after);
      // Past the rules' full-group size a group's pairs depend on who else is in it.
      if (candidates.size > DUPLICATE_FULL_GROUP) {
        // The rebuild also covers the ids not visited yet: the roster is read as it is now.
        for (const changedId of this.rebuildAndDiff(children, guardians)) changed.add(changedId);
        return changed;
      }
      const subset: Child[] = [];
      for (const candidate of candidates) {
        const child = children.get(candidate);
        if (child) subset.push(child);
      }
      const fresh = findDuplicates(subset, guardians).filter((p) => p.a === id || p.b === id);
      const old = this.pairsOf(id);
      if (samePairs(old, fresh)) continue;
      for (const pair of old) this.dropPair(other(pair, id), pair, changed);
      for (const pair of fresh) this.addPair(other(pair, id), pair, changed);
      if (fresh.length > 0) this.pairsById.set(id, fresh);
      else this.pairsById.delete(id);
      changed.add(id);
    }
    return changed;
  }

  private pairsFromScratch(children: ReadonlyMap<string, Child>, guardians: Record<string, Guardian>): Map<string, DuplicatePair[]> {
    const byId = new Map<string, DuplicatePair[]>();
    for (const pair of findDuplicates([...children.values()], guardians)) {
      for (const id of [pair.a, pair.b]) {
        const list = byId.get(id);
        if (list) list.push(pair);
        else byId.set(id, [pair]);
      }
    }
    return byId;
  }

  private rebuildAndDiff(children: ReadonlyMap<string, Child>, guardians: Record<string, Guardian>): Set<string> {
    const before = this.pairsById;
    this.rebuild(children, guardians);
    const changed = new Set<string>();
    for (const id of new Set([...before.keys(), ...this.pairsById.keys()])) {
      if (!samePairs(before.get(id) ?? NONE, this.pairsOf(id))) changed.add(id);
    }
    return changed;
  }

  private dropPair(id: string, pair: DuplicatePair, changed: Set<string>): void {
    const key = pairKey(pair);
    const list = (this.pairsById.get(id) ?? []).filter((p) => pairKey(p) !== key);
    if (list.length > 0) this.pairsById.set(id, list);
    else this.pairsById.delete(id);
    changed.add(id);
  }

  private addPair(id: string, pair: DuplicatePair, changed: Set<string>): void {
    const list = this.pairsById.get(id) ?? [];
    if (!list.some((p) => pairKey(p) === pairKey(pair))) this.pairsById.set(id, [...list, pair]);
    changed.add(id);
  }

  // Keys are namespaced ("p:", "b:", "d:") so that values of different kinds never meet.
  private index(id: string, keys: DuplicateKeys): void {
    this.keysById.set(id, keys);
    for (const key of this.ownKeys(keys)) {
      let ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, (ids = new Set()));
      ids.add(id);
    }
  }

  private unindex(id: string, keys: DuplicateKeys): void {
    this.keysById.delete(id);
    for (const key of this.ownKeys(keys)) {
      const ids = this.byKey.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.byKey.delete(key);
    }
  }

  private ownKeys(keys: DuplicateKeys): string[] {
    const own: string[] = [];
    if (keys.pid !== undefined) own.push(`p:${keys.pid}`);
    if (keys.bhyt !== undefined) own.push(`b:${keys.bhyt}`);
    if (keys.dob !== undefined) own.push(`d:${keys.dob}`);
    return own;
  }

  /** Adds to `into` every child sharing a key with `keys`, or born on its swapped date. */
  private addSharing(into: Set<string>, keys: DuplicateKeys): void {
    const lookups = this.ownKeys(keys);
    if (keys.swappedDob !== undefined) lookups.push(`d:${keys.swappedDob}`);
    for (const key of lookups) for (const id of this.byKey.get(key) ?? []) into.add(id);
  }
}

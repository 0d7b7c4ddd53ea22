// Finds which of a list of distinct names are one edit apart, in near-linear time.
import { withinOneEdit } from "./edit-distance";

// Up to this many names, comparing each name with those of the same or the next length
// is cheaper than building an index. A date of birth in a city-wide roster has some 40 to
// 70 names; the deletion index made 15 keys of each, the sorted scan compares a few
// dozen pairs. Beyond the limit, names of one length (a placeholder date of birth typed
// for a whole list) would make the scan quadratic.
const SCAN_LIMIT = 256;

/**
 * The index pairs `[i, j]` (`i < j`) of `names` (distinct strings) that are one edit
 * apart, in order of `i`, then `j`. Lists up to a few hundred names are scanned by length
 * (one edit changes the length by at most one); larger ones go through a deletion
 * neighbourhood: two strings one edit apart always share a key among themselves and
 * their one-character deletions, so only names sharing a key are compared. This keeps a
 * block of thousands of names (one placeholder date of birth for a whole list) from
 * turning into millions of comparisons.
 */
export function oneEditPairs(names: readonly string[]): [number, number][] {
  const n = names.length;
  if (n < 2) return [];
  const pairs = n <= SCAN_LIMIT ? scanByLength(names) : throughDeletionIndex(names);
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function scanByLength(names: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  const order = names.map((_, i) => i).sort((i, j) => names[i]!.length - names[j]!.length);
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    const name = names[i]!;
    for (let y = x + 1; y < order.length; y++) {
      const j = order[y]!;
      const other = names[j]!;
      if (other.length > name.length + 1) break;
      if (withinOneEdit(name, other)) pairs.push(i < j ? [i, j] : [j, i]);
    }
  }
  return pairs;
}

function throughDeletionIndex(names: readonly string[]): [number, number][] {
  const n = names.length;
  const pairs: [number, number][] = [];
  const buckets = new Map<string, number[]>();
  const put = (key: string, i: number) => {
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [i]);
    else if (bucket[bucket.length - 1] !== i) bucket.push(i);
  };
  names.forEach((name, i) => {
    put(name, i);
    for (let k = 0; k < name.length; k++) {
      // Deleting either letter of a doubled pair gives the same key; one is enough.
      if (k > 0 && name.charCodeAt(k) === name.charCodeAt(k - 1)) continue;
      put(name.slice(0, k) + name.slice(k + 1), i);
    }
  });

  const seen = new Set<number>();
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = Math.min(bucket[x]!, bucket[y]!);
        const j = Math.max(bucket[x]!, bucket[y]!);
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        if (withinOneEdit(names[i]!, names[j]!)) pairs.push([i, j]);
      }
    }
  }
  return pairs;
}

// Finds which of a list of distinct names are one edit apart, in near-linear time.
import { withinOneEdit } from "./edit-distance";

// Below this many names, checking every pair is cheaper than building an index.
const PAIRWISE_LIMIT = 32;

/**
 * The index pairs `[i, j]` (`i < j`) of `names` (distinct strings) that are one edit
 * apart. Small lists are compared pair by pair; larger ones through a deletion
 * neighbourhood: two strings one edit apart always share a key among themselves and
 * their one-character deletions, so only names sharing a key are compared. This keeps a
 * block of thousands of names (one placeholder date of birth for a whole list) from
 * turning into millions of comparisons.
 */
export function oneEditPairs(names: readonly string[]): [number, number][] {
  const n = names.length;
  const pairs: [number, number][] = [];
  if (n < 2) return pairs;
  if (n <= PAIRWISE_LIMIT) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (withinOneEdit(names[i]!, names[j]!)) pairs.push([i, j]);
    }
    return pairs;
  }

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

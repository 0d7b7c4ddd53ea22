/**
 * Whether `a` and `b` are at most one edit apart (Levenshtein distance ≤ 1: one
 * character inserted, deleted or replaced). Linear and allocation-free, because the
 * duplicate finder calls it on every candidate pair of a city-wide roster; a full
 * Levenshtein matrix would be quadratic per pair for no gain.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  // Make `a` the shorter one so that the only edits left are a replacement or one
  // character inserted into `a`.
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length - a.length > 1) return false;

  let start = 0;
  while (start < a.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  if (a.length === b.length) {
    // Same length: everything after the first difference must match.
    for (let i = start + 1; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
    return true;
  }
  // `b` has one more character: skip it at the first difference.
  for (let i = start; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i + 1)) return false;
  return true;
}

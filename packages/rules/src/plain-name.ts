// The common case of a name, recognised in one pass over its characters. Nearly every
// name in a roster is already stored as `normalizeName` writes it ("Nguyễn Thị Ánh");
// proving that in one scan spares the per-character normalisation and validity checks,
// which were most of the cost of evaluating a city-wide roster (and the scan measured
// twice as fast as one regular expression of the same shape). Internal: `names.ts` is
// the public API.
import { CAPITAL, JOINER, SMALL, unitKind } from "./name-letters";

/**
 * What one scan tells of a name: `"not-plain"` (the full checks decide), `"plain"` (valid,
 * in stored form, and not legacy-encoded text: it has a letter only Unicode Vietnamese
 * has, or no letter above ASCII), or `"plain-latin1"` (valid and in stored form, with
 * every letter in Latin-1 and some above ASCII, as TCVN3 and VNI text shows: only the
 * encoding is left to check).
 */
export type PlainNameScan = "not-plain" | "plain" | "plain-latin1";

const SPACE = 0x20;
const LATIN1_HIGH = 0xa1;
const LATIN1_END = 0xff;

/**
 * Scans `s` for the plain form: at least two words of Vietnamese letters, each part of a
 * word (split at an apostrophe or hyphen) one capital and then small letters, words split
 * by one space, nothing before or after. Such a name is valid and already in the form
 * `normalizeName` gives. Letters above U+00FF are exactly those legacy-encoding
 * detection takes as proof of Unicode text (ă đ ĩ ũ ơ ư and the tone letters).
 */
export function scanPlainName(s: string): PlainNameScan {
  let spaces = 0;
  let partStart = true;
  let latin1 = false;
  let beyondLatin1 = false;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit === SPACE) {
      // A space may only end a part: not lead, double up or follow a joiner.
      if (partStart) return "not-plain";
      spaces++;
      partStart = true;
      continue;
    }
    const kind = unitKind(unit);
    if (partStart) {
      if (kind !== CAPITAL) return "not-plain";
      partStart = false;
    } else if (kind === JOINER) {
      partStart = true;
      continue;
    } else if (kind !== SMALL) {
      return "not-plain";
    }
    if (unit > LATIN1_END) beyondLatin1 = true;
    else if (unit >= LATIN1_HIGH) latin1 = true;
  }
  if (partStart || spaces === 0) return "not-plain";
  return latin1 && !beyondLatin1 ? "plain-latin1" : "plain";
}

/** Whether `scanPlainName` finds `s` plain: valid and already in stored form. */
export function isPlainName(s: string): boolean {
  return scanPlainName(s) !== "not-plain";
}

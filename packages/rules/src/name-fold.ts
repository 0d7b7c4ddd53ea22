// The folded key of a name, by which names are searched and matched (the duplicate
// finder folds every name of a roster). Internal: `names.ts` re-exports `foldName`.
import { NAME_LETTERS } from "./name-letters";
import { ZERO_WIDTH } from "./name-form";
import { isPlainName } from "./plain-name";

// Letters without a decomposition to a base letter plus marks.
const FOLD_LETTERS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "ı": "i",
  }),
);
const MARKS = /\p{M}/gu;
const APOSTROPHES = /['\u2019\u02BC\u2018`\u00B4]/g;
const HYPHENS = /[-\u2010\u2011]/g;
const NOT_FOLDED = /[^a-z0-9' -]+/g;

/**
 * The key names are searched and matched by: lower case, no diacritics, đ → d, digits
 * kept, apostrophes (’ ʼ ‘ ` ´ typed as ') and hyphens kept, every other character a
 * space, single spaces, trimmed ("Nguyễn Thị Ánh" → "nguyen thi anh", "H’Hen Niê" →
 * "h'hen nie"). Old and new tone placement (Hòa / Hoà, Thủy / Thuỷ) and NFD input fold
 * alike. Apostrophes are kept because they belong to the name as registered ("H'Hen"
 * is not "Hhen"); the duplicate finder's one-edit rule still pairs the two spellings.
 */
export function foldName(s: string): string {
  return isPlainName(s) ? foldPlainName(s) : foldFully(s);
}

function foldFully(s: string): string {
  // Upper then lower case folds letters that only one direction maps (ſ, K sign).
  const lowered = s.replace(ZERO_WIDTH, "").toUpperCase().toLowerCase().normalize("NFD").replace(MARKS, "");
  let out = "";
  for (const ch of lowered) out += FOLD_LETTERS[ch] ?? ch;
  return out
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, "-")
    .replace(NOT_FOLDED, " ")
    .replace(/ +/g, " ")
    .trim();
}

// A plain name (see `plain-name.ts`) folds character by character: every step of
// `foldFully` maps each of its letters and joiners on its own, and its spaces are single
// and inside. So the fold of each unit is looked up instead of case-mapping, decomposing
// and rewriting the whole string; the table is built by `foldFully` itself and never
// written again.
const FOLDED_UNITS = ((): string[] => {
  const folded = new Array<string>(0x2020).fill("");
  const units = [...NAME_LETTERS].flatMap((letter) => [letter, letter.toUpperCase()]);
  for (const unit of [...units, "'", "\u2019", "-", "\u2010"]) folded[unit.charCodeAt(0)] = foldFully(unit);
  folded[0x20] = " ";
  return folded;
})();

function foldPlainName(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += FOLDED_UNITS[s.charCodeAt(i)] as string;
  return out;
}

// The stored form of a name, character by character: the full normaliser and validity
// check behind `normalizeName` and `checkName`, for names the one-scan fast path of
// `plain-name.ts` does not settle (capitals as on ID cards, doubled spaces, NFD).
// Internal: `names.ts` is the public API.
import { CAPITAL, capitalOf, NAME_LETTERS, NAME_PUNCTUATION, OTHER, SMALL, smallOf, unitKind } from "./name-letters";

/** Zero-width characters come in with copy-and-paste from Word and web pages; they are
 * invisible, so a name that has them is the same name without them. */
export const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// `\s` covers tabs, line breaks, the no-break space of Excel and the other Unicode spaces.
const WHITESPACE = /\s+/g;
const LETTER = /\p{L}/u;
// A letter after one of these starts a capitalised part: "H'Hen", "Ksor H'Bia".
const PART_BREAKS: ReadonlySet<string> = new Set(["'", "\u2019", "\u02BC", "-", "\u2010", " "]);

function toUpper(ch: string): string {
  const upper = ch.toUpperCase();
  // "ß" → "SS" would change the letter count and break idempotence; keep such letters.
  return upper.length === ch.length ? upper : ch;
}

function toLower(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

/** NFC, zero-width characters removed, every run of whitespace one space, trimmed. */
export function tidySpaces(s: string): string {
  return s.normalize("NFC").replace(ZERO_WIDTH, "").replace(WHITESPACE, " ").trim();
}

/**
 * The stored form of a name that `tidySpaces` has tidied: in each word the first letter,
 * and a letter after an apostrophe or hyphen, upper case, the other letters lower case.
 */
export function recaseName(tidy: string): string {
  let out = "";
  let startsPart = true;
  for (const ch of tidy) {
    // Name letters by table (the same case mappings, measured several times faster);
    // any other character by its Unicode properties.
    const kind = ch.length === 1 ? unitKind(ch.charCodeAt(0)) : OTHER;
    if (kind === SMALL || kind === CAPITAL) {
      out += startsPart ? capitalOf(ch.charCodeAt(0)) : smallOf(ch.charCodeAt(0));
      startsPart = false;
    } else if (LETTER.test(ch)) {
      out += startsPart ? toUpper(ch) : toLower(ch);
      startsPart = false;
    } else {
      if (PART_BREAKS.has(ch)) startsPart = true;
      out += ch;
    }
  }
  return out.normalize("NFC");
}

function isNameLetter(ch: string): boolean {
  const kind = ch.length === 1 ? unitKind(ch.charCodeAt(0)) : OTHER;
  return kind === SMALL || kind === CAPITAL || NAME_LETTERS.has(ch.toLowerCase());
}

/** Whether a normalised name has only Vietnamese letters, apostrophes and hyphens, at
 * least two words, and a letter in every word. */
export function isValidName(normalized: string): boolean {
  const parts = normalized.split(" ");
  if (parts.length < 2) return false;
  return parts.every((word) => {
    let letters = 0;
    for (const ch of word) {
      if (isNameLetter(ch)) letters++;
      else if (!NAME_PUNCTUATION.has(ch)) return false;
    }
    return letters > 0;
  });
}

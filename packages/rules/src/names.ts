// Vietnamese personal names (DOMAIN.md "Names"): Họ + tên đệm + tên. Stored NFC with
// single spaces and capitalised words; compared under a folded key. The spelling a person
// entered (including where the tone mark sits, Hòa / Hoà) is never rewritten.
import type { Finding } from "@roster/schema";
import { finding, type GuardianRole } from "./findings";
import { detectLegacyEncoding } from "./legacy-encoding";

// Zero-width characters come in with copy-and-paste from Word and web pages; they are
// invisible, so a name that has them is the same name without them.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
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
function tidySpaces(s: string): string {
  return s.normalize("NFC").replace(ZERO_WIDTH, "").replace(WHITESPACE, " ").trim();
}

/**
 * The stored form of a name: NFC; trimmed; every run of whitespace (tabs, no-break
 * spaces) one space; in each word the first letter, and a letter after an apostrophe or
 * hyphen, upper case and the others lower case ("nguyễn THỊ  ánh" → "Nguyễn Thị Ánh",
 * "h'hen niê" → "H'Hen Niê"). Nothing else changes: tone marks stay where they were
 * typed (Hòa and Hoà both stay). Idempotent.
 */
export function normalizeName(s: string): string {
  let out = "";
  let startsPart = true;
  for (const ch of tidySpaces(s)) {
    if (LETTER.test(ch)) {
      out += startsPart ? toUpper(ch) : toLower(ch);
      startsPart = false;
    } else {
      if (PART_BREAKS.has(ch)) startsPart = true;
      out += ch;
    }
  }
  return out.normalize("NFC");
}

/** Whether `s` is already in the stored form of `normalizeName`. */
export function isNormalizedName(s: string): boolean {
  return normalizeName(s) === s;
}

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

const VOWELS = "aăâeêioôơuưy";
// No tone (ngang), huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries.
const TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"] as const;
// The letters of Vietnamese names in lower case: a–z (f j w z occur in minority names),
// đ, and every vowel with every tone mark.
const NAME_LETTERS: ReadonlySet<string> = new Set([
  ..."abcdefghijklmnopqrstuvwxyzđ",
  ...[...VOWELS].flatMap((vowel) => TONE_MARKS.map((tone) => (vowel + tone).normalize("NFC"))),
]);
const NAME_PUNCTUATION: ReadonlySet<string> = new Set(["'", "\u2019", "\u02BC", "-", "\u2010"]);

/** Whether a normalised name has only Vietnamese letters, apostrophes and hyphens, at
 * least two words, and a letter in every word. */
function isValidName(normalized: string): boolean {
  const parts = normalized.split(" ");
  if (parts.length < 2) return false;
  return parts.every((word) => {
    let letters = 0;
    for (const ch of word) {
      if (NAME_LETTERS.has(ch.toLowerCase())) letters++;
      else if (!NAME_PUNCTUATION.has(ch)) return false;
    }
    return letters > 0;
  });
}

export interface CheckNameOptions {
  /** The field the findings name; `"fullName"` unless given (e.g. `"father.fullName"`). */
  field?: string;
  /** `"guardian."` for a guardian's name: the codes become `guardian.name.*`. */
  codePrefix?: "" | "guardian.";
  /** The guardian's role, for the words of `guardian.name.*` findings. */
  who?: GuardianRole;
}

/**
 * The findings on a full name: `name.missing` when empty; only `name.encoding` when it
 * is TCVN3 or VNI mojibake; else `name.invalid` (digits, symbols — anything but
 * Vietnamese letters, spaces, apostrophes and hyphens, so "Nguyễn T. Hoa" too — or a
 * single word) and/or the warning `name.format` (extra spaces, case, NFD: upper-case
 * names as printed on ID cards are only a warning). With `codePrefix: "guardian."` the
 * codes are `guardian.name.*`.
 */
export function checkName(name: string | null | undefined, options: CheckNameOptions = {}): Finding[] {
  const { field = "fullName", codePrefix = "", who } = options;
  const issue = (kind: "missing" | "encoding" | "invalid" | "format"): Finding =>
    finding(`${codePrefix}name.${kind}`, field, who);

  if (name === null || name === undefined || tidySpaces(name) === "") return [issue("missing")];
  if (detectLegacyEncoding(name) !== null) return [issue("encoding")];
  const findings: Finding[] = [];
  const normalized = normalizeName(name);
  if (!isValidName(normalized)) findings.push(issue("invalid"));
  if (normalized !== name) findings.push(issue("format"));
  return findings;
}

function words(fullName: string): string[] {
  const tidy = tidySpaces(fullName);
  return tidy === "" ? [] : tidy.split(" ");
}

/** The given name (tên): the last word, as typed; `""` for an empty name. */
export function givenName(fullName: string): string {
  return words(fullName).at(-1) ?? "";
}

/** The family name (họ): the first word, as typed; `""` for an empty name. */
export function familyName(fullName: string): string {
  return words(fullName)[0] ?? "";
}

// Collation. Class lists sort by given name, then family name, then middle names.
// Vietnamese order: the letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
// (f j w z where English has them), then, for words with the same letters, the tone
// (TONE_MARKS order). The tone belongs to the word, not to a letter, so Hòa and Hoà sort
// together. Intl.Collator("vi") agrees on letters and tones but weighs the tone per
// letter (Hoà < Hoá < Hòa) and depends on the ICU data of the runtime; this key is the
// same in every runtime.
const ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
// Letters become private-use characters above anything a name holds, in alphabet order,
// so a plain string comparison of two keys is the Vietnamese comparison.
const LETTER_KEY_BASE = 0xe000;
const WORD_END = "\u0001";
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_ALL = /[\u0300\u0301\u0303\u0309\u0323]/g;
const LETTER_KEYS: ReadonlyMap<string, string> = new Map(
  [...ALPHABET].map((letter, rank) => [letter, String.fromCharCode(LETTER_KEY_BASE + rank)]),
);

function wordKey(word: string): string {
  const decomposed = word.toLowerCase().normalize("NFD");
  const mark = TONE_MARK.exec(decomposed)?.[0];
  const tone = mark === undefined ? 0 : (TONE_MARKS as readonly string[]).indexOf(mark);
  let letters = "";
  for (const ch of decomposed.replace(TONE_MARKS_ALL, "").normalize("NFC")) letters += LETTER_KEYS.get(ch) ?? ch;
  return letters + WORD_END + String(tone);
}

/**
 * A string whose plain comparison (`<`) orders names as `compareVietnameseNames` does
 * (up to its final tie-break). Sorting thousands of names, precompute the keys: the
 * comparator computes two keys per comparison.
 */
export function nameSortKey(fullName: string): string {
  const parts = words(fullName);
  const ordered = parts.length < 2 ? parts : [parts.at(-1)!, parts[0]!, ...parts.slice(1, -1)];
  return ordered.map(wordKey).join("");
}

/**
 * Compares two full names in class-list order: by given name, then family name, then
 * middle names, each word in Vietnamese alphabetical order with the tone deciding
 * between words of the same letters (none, huyền, hỏi, ngã, sắc, nặng). Case, spacing
 * and tone placement do not matter; names equal in all of that fall back to code-unit
 * order so the sort is total. For `Array.prototype.sort`.
 */
export function compareVietnameseNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

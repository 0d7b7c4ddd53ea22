// Vietnamese personal names (DOMAIN.md "Names"): Họ + tên đệm + tên. Stored NFC with
// single spaces and capitalised words; compared under a folded key. The spelling a person
// entered (including where the tone mark sits, Hòa / Hoà) is never rewritten.
import type { Finding } from "@roster/schema";
import { finding, type GuardianRole } from "./findings";
import { detectLegacyEncoding } from "./legacy-encoding";
import { isValidName, recaseName, tidySpaces } from "./name-form";
import { TONE_MARKS } from "./name-letters";
import { isPlainName, scanPlainName } from "./plain-name";

export { foldName } from "./name-fold";

/**
 * The stored form of a name: NFC; trimmed; every run of whitespace (tabs, no-break
 * spaces) one space; in each word the first letter, and a letter after an apostrophe or
 * hyphen, upper case and the others lower case ("nguyễn THỊ  ánh" → "Nguyễn Thị Ánh",
 * "h'hen niê" → "H'Hen Niê"). Nothing else changes: tone marks stay where they were
 * typed (Hòa and Hoà both stay). Idempotent.
 */
export function normalizeName(s: string): string {
  return isPlainName(s) ? s : storedForm(tidySpaces(s));
}

/** Whether `s` is already in the stored form of `normalizeName`. */
export function isNormalizedName(s: string): boolean {
  return normalizeName(s) === s;
}

// A tidied name that scans plain is its own stored form ("Phạm  Thị" once its spaces
// are tidied); only the others need re-casing letter by letter.
function storedForm(tidy: string): string {
  return isPlainName(tidy) ? tidy : recaseName(tidy);
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
  // The usual case first, before any option is read: a valid name in stored form, often
  // with a letter no legacy text has.
  const plain = typeof name === "string" ? scanPlainName(name) : "not-plain";
  if (plain === "plain") return [];

  const { field = "fullName", codePrefix = "", who } = options;
  const issue = (kind: "missing" | "encoding" | "invalid" | "format"): Finding =>
    finding(`${codePrefix}name.${kind}`, field, who);
  if (name === null || name === undefined) return [issue("missing")];
  if (plain === "plain-latin1") return detectLegacyEncoding(name) === null ? [] : [issue("encoding")];
  const tidy = tidySpaces(name);
  if (tidy === "") return [issue("missing")];
  if (detectLegacyEncoding(name) !== null) return [issue("encoding")];
  const findings: Finding[] = [];
  // A tidied name that scans plain is valid and needs no re-casing (see `storedForm`).
  const plainOnceTidy = isPlainName(tidy);
  const normalized = plainOnceTidy ? tidy : recaseName(tidy);
  if (!plainOnceTidy && !isValidName(normalized)) findings.push(issue("invalid"));
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

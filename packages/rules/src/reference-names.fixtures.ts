// The name rules and `finding` as they were before the fast paths (copied verbatim, only
// renamed): the oracle the property tests hold `normalizeName`, `isNormalizedName`,
// `foldName`, `checkName` and `finding` to. Test support only.
import type { Finding } from "@roster/schema";
import { FINDING_CODES, GUARDIAN_ROLE_WORDS, type FindingCode, type GuardianRole } from "./findings";
import { detectLegacyEncodingIn } from "./legacy-encoding";
import type { CheckNameOptions } from "./names";

export function referenceFinding(code: FindingCode, field: string, who?: GuardianRole): Finding {
  const spec: { severity: Finding["severity"]; vi: string; en: string } = FINDING_CODES[code];
  const words = who ? GUARDIAN_ROLE_WORDS[who] : GUARDIAN_ROLE_WORDS.guardian;
  const fill = (text: string, word: string) => text.replaceAll("{who}", word);
  let vi = fill(spec.vi, words.vi);
  if (vi.length > 0) vi = vi.charAt(0).toUpperCase() + vi.slice(1);
  return { code, field, severity: spec.severity, message: { vi, en: fill(spec.en, words.en) } };
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE = /\s+/g;
const LETTER = /\p{L}/u;
const PART_BREAKS: ReadonlySet<string> = new Set(["'", "\u2019", "\u02BC", "-", "\u2010", " "]);

function toUpper(ch: string): string {
  const upper = ch.toUpperCase();
  return upper.length === ch.length ? upper : ch;
}

function toLower(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

function tidySpaces(s: string): string {
  return s.normalize("NFC").replace(ZERO_WIDTH, "").replace(WHITESPACE, " ").trim();
}

export function referenceNormalizeName(s: string): string {
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

export function referenceIsNormalizedName(s: string): boolean {
  return referenceNormalizeName(s) === s;
}

const FOLD_LETTERS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "ı": "i",
  }),
);
const MARKS = /\p{M}/gu;
const APOSTROPHES = /['\u2019\u02BC\u2018`\u00B4]/g;
const HYPHENS = /[-\u2010\u2011]/g;
const NOT_FOLDED = /[^a-z0-9' -]+/g;

export function referenceFoldName(s: string): string {
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
const TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"] as const;
const NAME_LETTERS: ReadonlySet<string> = new Set([
  ..."abcdefghijklmnopqrstuvwxyzđ",
  ...[...VOWELS].flatMap((vowel) => TONE_MARKS.map((tone) => (vowel + tone).normalize("NFC"))),
]);
const NAME_PUNCTUATION: ReadonlySet<string> = new Set(["'", "\u2019", "\u02BC", "-", "\u2010"]);

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

export function referenceCheckName(name: string | null | undefined, options: CheckNameOptions = {}): Finding[] {
  const { field = "fullName", codePrefix = "", who } = options;
  const issue = (kind: "missing" | "encoding" | "invalid" | "format"): Finding =>
    referenceFinding(`${codePrefix}name.${kind}`, field, who);

  if (name === null || name === undefined || tidySpaces(name) === "") return [issue("missing")];
  if (detectLegacyEncodingIn([name]) !== null) return [issue("encoding")];
  const findings: Finding[] = [];
  const normalized = referenceNormalizeName(name);
  if (!isValidName(normalized)) findings.push(issue("invalid"));
  if (normalized !== name) findings.push(issue("format"));
  return findings;
}

// The alphabet of Vietnamese names, and a table of it by UTF-16 unit so that the name
// checks, which run for every child and guardian of a city-wide roster, classify and
// re-case a letter by one array lookup instead of a Unicode regular expression and a
// case mapping per character. Internal.

/** No tone (ngang), huyền, hỏi, ngã, sắc, nặng: the order of Vietnamese dictionaries. */
export const TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"] as const;
const VOWELS = "aăâeêioôơuưy";

/** The letters of Vietnamese names in lower case, NFC: a–z (f j w z occur in minority
 * names), đ, and every vowel with every tone mark. */
export const NAME_LETTERS: ReadonlySet<string> = new Set([
  ..."abcdefghijklmnopqrstuvwxyzđ",
  ...[...VOWELS].flatMap((vowel) => TONE_MARKS.map((tone) => (vowel + tone).normalize("NFC"))),
]);
/** What may join the parts of one word of a name besides letters: "H'Hen", "Mai-Anh". */
export const NAME_PUNCTUATION: ReadonlySet<string> = new Set(["'", "\u2019", "\u02BC", "-", "\u2010"]);

/** What a UTF-16 unit is to a name: anything else (the full checks decide), a small
 * letter, a capital, or an apostrophe or hyphen that starts a new capitalised part
 * ("H'Hen"). U+02BC is no joiner: Unicode counts it as a letter, and so does
 * `normalizeName`, which lower-cases the letter after it. */
export const OTHER = 0;
export const SMALL = 1;
export const CAPITAL = 2;
export const JOINER = 3;
export type UnitKind = typeof OTHER | typeof SMALL | typeof CAPITAL | typeof JOINER;

// Every name letter and its capital is one unit, the last U+1EF9; the last joiner is
// U+2019. A table of 8 KB covers them all.
const TABLE_SIZE = 0x2020;
// Filled here and never written again.
const KINDS = new Uint8Array(TABLE_SIZE);
const CAPITAL_OF: string[] = new Array<string>(TABLE_SIZE).fill("");
const SMALL_OF: string[] = new Array<string>(TABLE_SIZE).fill("");
for (const small of NAME_LETTERS) {
  const capital = small.toUpperCase();
  for (const letter of [small, capital]) {
    const unit = letter.charCodeAt(0);
    KINDS[unit] = letter === small ? SMALL : CAPITAL;
    CAPITAL_OF[unit] = capital;
    SMALL_OF[unit] = small;
  }
}
for (const joiner of "'\u2019-\u2010") KINDS[joiner.charCodeAt(0)] = JOINER;

/** What the unit `unit` is to a name. */
export function unitKind(unit: number): UnitKind {
  return unit < TABLE_SIZE ? (KINDS[unit] as UnitKind) : OTHER;
}

/** The capital of a name letter's unit (`SMALL` or `CAPITAL` kind only). */
export function capitalOf(unit: number): string {
  return CAPITAL_OF[unit] as string;
}

/** The small letter of a name letter's unit (`SMALL` or `CAPITAL` kind only). */
export function smallOf(unit: number): string {
  return SMALL_OF[unit] as string;
}

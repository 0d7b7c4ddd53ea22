// Old school Excel files were typed with TCVN3 (".VnTime") or VNI ("VNI-Times") fonts.
// Opened today, their bytes show as Latin-1 letters and symbols ("NguyÔn V¨n An",
// "Nguyeãn Vaên An"). DOMAIN.md: detect and convert on import; never store mojibake.
import { COMMON_NAME_SYLLABLES, TCVN3_TO_UNICODE, VNI_LETTERS, VNI_MARKS } from "./legacy-encoding-tables";
import { isVietnameseSyllable } from "./vietnamese-syllable";

export type LegacyEncoding = "tcvn3" | "vni";

// A run of characters that can be letters in either legacy encoding: ASCII letters and
// every Latin-1 character from U+00A1 (TCVN3 uses symbols such as "¨" and "§" as letters,
// and the soft hyphen U+00AD as "ư").
const LEGACY_WORD = /[A-Za-z\u00A1-\u00FF]+/g;
const HAS_HIGH_LATIN1 = /[\u00A1-\u00FF]/;
// Letters that only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the precomposed tone letters),
// or combining marks (Vietnamese typed in NFD): such text is already Unicode.
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]|\p{M}/u;

/** Whether detection looks at `text` at all: Latin-1 letters or symbols, and no letter
 * that only Unicode Vietnamese has. */
function mayBeLegacy(text: string): boolean {
  return HAS_HIGH_LATIN1.test(text) && !UNICODE_VIETNAMESE.test(text);
}

/** Whether `text` has at least `min` ASCII letters and all of them are capitals. */
function asciiAllCaps(text: string, min: number): boolean {
  let capitals = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return false;
    if (code >= 0x41 && code <= 0x5a) capitals++;
  }
  return capitals >= min;
}

/**
 * Converts TCVN3 (ABC) text read as Latin-1 / Windows-1252 to Unicode (NFC), whether or
 * not it looks like TCVN3 (see `repairLegacyText` for the careful version). A word whose
 * ASCII letters are all capitals gets capital tone letters too ("NGUYÔN" → "NGUYỄN"):
 * TCVN3 has no capitals with tone marks, such text was shown with the ".VnTimeH" font.
 * Other tone letters come out lower case ("¸nh" → "ánh"); `normalizeName` fixes names.
 */
export function tcvn3ToUnicode(s: string): string {
  if (!HAS_HIGH_LATIN1.test(s)) return s.normalize("NFC");
  const wholeTextCaps = asciiAllCaps(s, 2);
  const converted = s.replace(LEGACY_WORD, (word) => {
    const caps = asciiAllCaps(word, 2) || (wholeTextCaps && asciiAllCaps(word, 1));
    let out = "";
    for (const ch of word) {
      const letter = TCVN3_TO_UNICODE[ch];
      out += letter === undefined ? ch : caps ? letter.toUpperCase() : letter;
    }
    return out;
  });
  return converted.normalize("NFC");
}

/**
 * Converts VNI-Windows text read as Latin-1 / Windows-1252 to Unicode (NFC), whether or
 * not it looks like VNI. A mark byte only joins a vowel that can carry it ("aê" → "ă",
 * "eã" → "ễ"); anywhere else it is kept as it is.
 */
export function vniToUnicode(s: string): string {
  const out: string[] = [];
  for (const ch of s) {
    const letter = VNI_LETTERS[ch];
    if (letter !== undefined) {
      out.push(letter);
      continue;
    }
    const mark = VNI_MARKS[ch];
    const previous = out.at(-1);
    // `after` lists bare vowels only, so a vowel that already took a mark takes no other.
    if (mark !== undefined && previous !== undefined && mark.after.includes(previous.toLowerCase())) {
      out[out.length - 1] = (previous + mark.marks).normalize("NFC");
      continue;
    }
    out.push(ch);
  }
  return out.join("").normalize("NFC");
}

const DECODERS: Readonly<Record<LegacyEncoding, (s: string) => string>> = {
  tcvn3: tcvn3ToUnicode,
  vni: vniToUnicode,
};

const isCommonSyllable = (word: string) => COMMON_NAME_SYLLABLES.has(word.normalize("NFC").toLowerCase());

/** How Vietnamese a word reads: a point for a syllable, a point for a common name syllable. */
function vietnameseness(word: string): number {
  return Number(isVietnameseSyllable(word)) + Number(isCommonSyllable(word));
}

/**
 * Tells which legacy encoding, if any, a set of texts (for example every name in an
 * imported column) is in: reading the words that have Latin-1 letters or symbols in an
 * encoding scores what it gains in `vietnameseness` over the text as it is, summed over
 * all texts, so a file of short names is judged as a whole. The encoding that scores
 * above zero and above the other wins. Texts with Unicode-only Vietnamese letters count
 * for nothing.
 */
export function detectLegacyEncodingIn(texts: Iterable<string>): LegacyEncoding | null {
  let tcvn3 = 0;
  let vni = 0;
  for (const text of texts) {
    if (!mayBeLegacy(text)) continue;
    for (const word of text.match(LEGACY_WORD) ?? []) {
      if (!HAS_HIGH_LATIN1.test(word)) continue;
      const asIs = vietnameseness(word);
      tcvn3 += vietnameseness(tcvn3ToUnicode(word)) - asIs;
      vni += vietnameseness(vniToUnicode(word)) - asIs;
    }
  }
  if (tcvn3 > 0 && tcvn3 > vni) return "tcvn3";
  if (vni > 0 && vni > tcvn3) return "vni";
  return null;
}

// Common name syllables as names write them (small, capitalised, all capitals) that
// score the highest `vietnameseness`: neither decoding can gain on such a word.
const BEST_WORDS: ReadonlySet<string> = new Set(
  [...COMMON_NAME_SYLLABLES]
    .flatMap((word) => [word, word.charAt(0).toUpperCase() + word.slice(1), word.toUpperCase()])
    .filter((word) => vietnameseness(word) === 2),
);

/**
 * Whether every word detection would score in `text` is one of `BEST_WORDS` (Vietnamese
 * that fits in Latin-1: "Lê Minh Hà"), so that both totals stay at or below zero and the
 * answer is `null` without decoding anything. Any other word leaves it to the scoring.
 */
function nothingToGain(text: string): boolean {
  for (const word of text.match(LEGACY_WORD) ?? []) {
    if (HAS_HIGH_LATIN1.test(word) && !BEST_WORDS.has(word)) return false;
  }
  return true;
}

/**
 * Tells whether `s` is Vietnamese in a legacy encoding (TCVN3 or VNI) shown as Latin-1:
 * the encoding whose reading turns more words into Vietnamese syllables, and into
 * syllables common in names ("Thị", "Dũng"), than it spoils (see `detectLegacyEncodingIn`).
 * Text with Unicode-only Vietnamese letters, ASCII, Vietnamese that fits in Latin-1
 * ("Hoàng Lê Nhi") and Western names ("José", "Zoë") give `null`; so does text that
 * reads as well in Unicode (VNI "Hoàng" = "Hồng"): judge a whole column with
 * `detectLegacyEncodingIn` when you can.
 */
export function detectLegacyEncoding(s: string): LegacyEncoding | null {
  // Names are checked one by one on every evaluation; most are settled without scoring.
  if (!mayBeLegacy(s) || nothingToGain(s)) return null;
  return detectLegacyEncodingIn([s]);
}

/**
 * Converts `s` to Unicode when it is detected as TCVN3 or VNI text, else returns it
 * unchanged; `encoding` says which conversion was made.
 */
export function repairLegacyText(s: string): { text: string; encoding: LegacyEncoding | null } {
  const encoding = detectLegacyEncoding(s);
  return encoding === null ? { text: s, encoding } : { text: DECODERS[encoding](s), encoding };
}

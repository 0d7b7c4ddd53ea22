// The shape of a written Vietnamese syllable: onset, vowel nucleus (with its glide and
// final semivowel), final consonant, one tone mark. Legacy-encoding detection uses it to
// judge which reading of a word is Vietnamese ("Noâng": VNI "Nông" or TCVN3 "Noõng"?).
// It accepts every real syllable and some that do not exist; it is not a dictionary.

// Consonant clusters such as ml, kp, hr start syllables of Central Highlands names
// (Mlô, Kpă, H'Hrin) written in the Vietnamese alphabet.
const ONSETS = [
  "", "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", ..."bcdđghklmnprstvx",
  "bl", "br", "dr", "hl", "hr", "kl", "kp", "kr", "ml", "mn", "mr", "pl", "pr",
];

// nucleus, the vowel positions that may carry the tone (old and new placement both: hòa /
// hoà), then the final consonants it takes ("-" for none). Nuclei that end in a semivowel
// take none; ng/c do not follow ê, i, ơ; nh/ch follow only a, ê, i, oa, uy, uê. Open ă and
// iê are not Vietnamese but are in Central Highlands names (Kpă, Niê).
const NUCLEUS_TABLE = `
  a 0 - m n p t ng c nh ch
  ă 0 - m n p t ng c
  â 0 m n p t ng c
  e 0 - m n p t ng c
  ê 0 - m n p t nh ch
  i 0 - m n p t nh ch
  o 0 - m n p t ng c
  ô 0 - m n p t ng c
  ơ 0 - m n p t
  u 0 - m n p t ng c
  ư 0 - m n p t ng c
  y 0 -
  ai 0 -
  ao 0 -
  au 0 -
  ay 0 -
  âu 0 -
  ây 0 -
  eo 0 -
  êu 0 -
  ia 0 -
  iu 0 -
  oi 0 -
  ôi 0 -
  ơi 0 -
  ua 0 -
  ui 0 -
  ưa 0 -
  ưi 0 -
  ưu 0 -
  oa 0,1 - m n p t ng c nh ch
  oe 0,1 - m n p t
  uy 0,1 - n t nh ch
  oă 1 m n p t ng c
  uâ 1 n t ng c
  uê 1 - n nh ch
  uơ 1 -
  uô 1 m n p t ng c
  ươ 1 m n p t ng c
  iê 1 - m n p t ng c
  yê 1 m n p t ng c
  iêu 1 -
  yêu 1 -
  uôi 1 -
  ươi 1 -
  ươu 1 -
  oai 1 -
  oay 1 -
  oao 1 -
  oeo 1 -
  uya 1 -
  uyu 1 -
  uây 1 -
  uyê 2 n t
`;

interface Nucleus {
  readonly toneAt: readonly number[];
  readonly codas: readonly string[];
}

const NUCLEI: ReadonlyMap<string, Nucleus> = new Map(
  NUCLEUS_TABLE.trim()
    .split("\n")
    .map((line) => {
      const [nucleus = "", toneAt = "", ...codas] = line.trim().split(/\s+/);
      return [nucleus, { toneAt: toneAt.split(",").map(Number), codas: codas.map((c) => (c === "-" ? "" : c)) }];
    }),
);

const ACUTE = "\u0301";
const DOT_BELOW = "\u0323";
// Every toned vowel (NFC, lower case) → its bare vowel and its tone mark, so a word is
// split into letters and tone by lookups rather than a normalisation per letter.
const TONED: ReadonlyMap<string, readonly [string, string]> = new Map(
  [..."aăâeêioôơuưy"].flatMap((vowel) =>
    ["\u0300", ACUTE, "\u0309", "\u0303", DOT_BELOW].map((tone) => [(vowel + tone).normalize("NFC"), [vowel, tone]] as const),
  ),
);
// Syllables closed by a stop (p, t, c, ch) take only the sắc or nặng tone.
const STOPS = new Set(["p", "t", "c", "ch"]);
// "NguyÔn": a capital right after a small letter is how TCVN3 text looks as Latin-1.
const CASE_BREAK = /\p{Ll}\p{Lu}/u;

/** Whether `bare` (no tone mark) splits into onset, nucleus and a coda the nucleus takes,
 * with the tone on a vowel of the nucleus that may carry it. */
function fits(bare: string, tone: string, toneAt: number): boolean {
  for (const onset of ONSETS) {
    if (!bare.startsWith(onset)) continue;
    for (let length = 1; length <= 3; length++) {
      const nucleus = NUCLEI.get(bare.slice(onset.length, onset.length + length));
      if (nucleus === undefined) continue;
      const coda = bare.slice(onset.length + length);
      if (!nucleus.codas.includes(coda)) continue;
      if (STOPS.has(coda) && tone !== ACUTE && tone !== DOT_BELOW) continue;
      if (toneAt < 0 || nucleus.toneAt.includes(toneAt - onset.length)) return true;
    }
  }
  return false;
}

/**
 * Whether `word` can be one written Vietnamese syllable: a known onset, nucleus and final
 * consonant that go together, at most one tone mark, on a vowel that may carry it, and
 * only sắc or nặng before a final p, t, c, ch. Case does not matter, but a capital after
 * a small letter does.
 */
export function isVietnameseSyllable(word: string): boolean {
  if (CASE_BREAK.test(word)) return false;
  let bare = "";
  let tone = "";
  let toneAt = -1;
  for (const ch of word.normalize("NFC").toLowerCase()) {
    const toned = TONED.get(ch);
    if (toned === undefined) {
      bare += ch;
      continue;
    }
    if (toneAt >= 0) return false;
    [tone, toneAt] = [toned[1], bare.length];
    bare += toned[0];
  }
  return fits(bare, tone, toneAt);
}

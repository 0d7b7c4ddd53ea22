// fast-check generators for the property tests that hold the fast paths to the reference
// (pre-fast-path) rules: names as rosters hold them (mostly plain, some with the slips
// the slow paths exist for), TCVN3 and VNI mojibake, and records built from them.
import type { Child, Guardian } from "@roster/schema";
import fc from "fast-check";
import { TCVN3_TO_UNICODE, VNI_LETTERS, VNI_MARKS } from "./legacy-encoding-tables";

const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const VOWELS = [..."aăâeêioôơuưy"].flatMap((v) => TONES.map((t) => (v + t).normalize("NFC")));
const SMALL = [...VOWELS, ..."bcdđghklmnpqrstvxfjwz"];
const SYLLABLES = [
  "nguyễn", "văn", "an", "thị", "lê", "hà", "hoàng", "quý", "phúc", "trần", "đức", "hòa", "hoà", "thủy",
  "thuỷ", "ánh", "my", "võ", "bùi", "ngô", "tú", "h'hen", "niê", "ksor", "y", "mai-anh", "ê", "tín",
];

const small = fc.constantFrom(...SMALL);
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
// A word of random Vietnamese letters, or a real syllable, capitalised as stored.
const word = fc.oneof(
  fc.tuple(small, fc.array(small, { maxLength: 6 })).map(([first, rest]) => capitalised(first) + rest.join("")),
  fc.constantFrom(...SYLLABLES).map((s) => s.split(/(?<=['-])/).map(capitalised).join("")),
);
/** A name in stored form: two to five capitalised words, single spaces. */
export const plainName = fc.array(word, { minLength: 2, maxLength: 5 }).map((words) => words.join(" "));

// Words of two parts joined as minority names are ("H'Hen", "Mai-Anh"), with every
// joiner, U+02BC among them, and the second part in either case.
const joined = fc
  .tuple(word, fc.constantFrom("'", "\u2019", "\u02bc", "-", "\u2010"), word, fc.boolean(), word)
  .map(([first, joiner, second, lower, other]) => `${first}${joiner}${lower ? second.toLowerCase() : second} ${other}`);

// What the slow paths are for: spacing, case, NFD, zero-width, joiners (U+02BC counts as
// a letter), symbols, digits, letters outside the alphabet, lone surrogates.
const SLIPS = [
  " ", "  ", "\t", "\u00a0", "\u200b", "\ufeff", "'", "\u2019", "\u02bc", "-", "\u2010", "\u0301", "\u0323", ".",
  "0", "9", "ß", "İ", "\u212a", "ǅ", "ﬁ", "ä", "ñ", "ø", "ð", "Ð", "¨", "§", "­", "\ud800", "x", "Q",
];
const slipped = fc
  .tuple(plainName, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SLIPS)), { maxLength: 3 }), fc.constantFrom("as is", "upper", "lower", "nfd"))
  .map(([name, slips, form]) => {
    let s = name;
    for (const [at, slip] of slips) s = s.slice(0, at % (s.length + 1)) + slip + s.slice(at % (s.length + 1));
    if (form === "upper") return s.toUpperCase();
    if (form === "lower") return s.toLowerCase();
    return form === "nfd" ? s.normalize("NFD") : s;
  });

// Encoders built from the inverse of the tables, as the old fonts stored text.
const TCVN3_FROM_UNICODE = new Map(Object.entries(TCVN3_TO_UNICODE).map(([byte, letter]) => [letter, byte]));
function toTcvn3(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFC")) out += TCVN3_FROM_UNICODE.get(ch) ?? TCVN3_FROM_UNICODE.get(ch.toLowerCase()) ?? ch;
  return out;
}
const VNI_LETTER_FROM_UNICODE = new Map(Object.entries(VNI_LETTERS).map(([byte, letter]) => [letter, byte]));
const markKey = (marks: string) => ("x" + marks).normalize("NFD").slice(1);
const VNI_MARK_FROM_MARKS = new Map(
  Object.entries(VNI_MARKS).map(([byte, mark]) => [markKey(mark.marks) + (byte === byte.toUpperCase() ? "A" : "a"), byte]),
);
function toVni(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFC")) {
    const whole = VNI_LETTER_FROM_UNICODE.get(ch);
    if (whole !== undefined) {
      out += whole;
      continue;
    }
    const [base = "", ...marks] = ch.normalize("NFD");
    const horn = marks[0] === "\u031B";
    const rest = markKey((horn ? marks.slice(1) : marks).join(""));
    out += horn ? (VNI_LETTER_FROM_UNICODE.get((base + "\u031B").normalize("NFC")) ?? base) : base;
    if (rest !== "") out += VNI_MARK_FROM_MARKS.get(rest + (base === base.toUpperCase() ? "A" : "a")) ?? "";
  }
  return out;
}
/** A name typed in TCVN3 or VNI and read as Latin-1, in any case. */
export const mojibake = fc
  .tuple(plainName, fc.constantFrom(toTcvn3, toVni), fc.boolean())
  .map(([name, encode, upper]) => encode(upper ? name.toUpperCase() : name));

// Latin-1 letters and symbols with ASCII letters: Western names, Vietnamese that fits in
// Latin-1 ("Lê Hà"), and chance mojibake.
const LATIN1 = [..."aehnoutyAHLNT", ...Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0xa1 + i))];
const latin1Name = fc
  .array(fc.array(fc.constantFrom(...LATIN1), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 })
  .map((words) => words.map((w) => w.join("")).join(" "));

// Any of the above with the case of some letters flipped ("lÊ Văn", "NguyÔn"): a capital
// after a small letter is how TCVN3 text looks, and detection weighs it.
const flipped = fc
  .tuple(fc.oneof(plainName, mojibake, latin1Name, fc.constantFrom("Lê Thị Hà", "Võ Hoàng Quân", "Thò Hòa")), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }))
  .map(([name, positions]) => {
    const chars = [...name];
    for (const at of positions) {
      const i = at % chars.length;
      const ch = chars[i] ?? "";
      chars[i] = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    }
    return chars.join("");
  });

/** Names of every kind the rules meet, weighted towards the common ones. */
export const anyName = fc.oneof(
  { weight: 4, arbitrary: plainName },
  { weight: 2, arbitrary: joined },
  { weight: 3, arbitrary: slipped },
  { weight: 2, arbitrary: mojibake },
  { weight: 2, arbitrary: latin1Name },
  { weight: 2, arbitrary: flipped },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((d) => d.join(""));
/** Dates as typed: valid ones, impossible days, other separators and shapes. */
export const dateText = fc.oneof(
  fc.date({ min: new Date(Date.UTC(1790, 0, 1)), max: new Date(Date.UTC(3010, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: 1799, max: 3000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  ),
  fc.constantFrom("2012-02-29", "2013-02-29", "1900-02-29", "2000-02-29", "2016-1-5", "08/06/2012", " 2012-06-08", "２０１２-06-08", "2012-06-08T00:00", ""),
  fc.string({ maxLength: 12 }),
);

const PROVINCES = ["001", "079", "092", "038", "000", "999", "101", "295"];
/** ID numbers as typed: well formed, spaced, the old 9 digits, letters, blanks. */
export const pidText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...PROVINCES), digits(1), digits(2), digits(6)).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.tuple(digits(3), digits(3), digits(3), digits(3)).map((p) => p.join(" ")) },
  { weight: 1, arbitrary: fc.oneof(digits(9), digits(11), fc.constantFrom("", " ", "-", ".", "chưa có", "00121501234５")) },
);

/** Health-insurance numbers as typed: both shapes, spaced, lower case, wrong lengths. */
export const bhytText = fc.oneof(
  digits(10),
  fc.tuple(fc.constantFrom("HS", "TE", "XX", "hs", "Hs"), digits(13)).map((p) => p.join("")),
  fc.tuple(fc.constantFrom("HS", "DN"), digits(1), digits(2), digits(10)).map((p) => p.join(" ")),
  fc.constantFrom("", " ", "-", "12345", "0123-456-789", "HS40100000000000"),
);

const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const GUARDIAN_IDS = ["g-1", "g-2", "g-3", "g-4"];
// Links: to the pool, to nobody, to an id missing or inherited from Object.prototype.
const link = fc.constantFrom(...GUARDIAN_IDS, "g-missing", "constructor", "", " ", null);

/** A guardian of the pool with id `id`. */
export const guardianWithId = (id: string): fc.Arbitrary<Guardian> =>
  fc.record({
    id: fc.constant(id),
    fullName: nullable(anyName),
    dob: nullable(dateText),
    gender: fc.constantFrom("male", "female", null),
    pid: nullable(pidText),
    vneid: fc.constantFrom("none", "level1", "level2", null),
  }, { requiredKeys: ["id"] }) as fc.Arbitrary<Guardian>;

/** The guardians of a roster by id: a pool of four, any of them possibly absent. */
export const guardianPool = fc
  .tuple(...GUARDIAN_IDS.map((id) => fc.option(guardianWithId(id), { nil: undefined })))
  .map((guardians) => Object.fromEntries(guardians.filter((g) => g !== undefined).map((g) => [g.id, g])) as Record<string, Guardian>);

/** A child record with every field the rules read, each possibly missing or malformed. */
export const child = fc.record({
  id: fc.constant("c-1"),
  fullName: nullable(anyName),
  dob: nullable(dateText),
  gender: fc.constantFrom("male", "female", null),
  ethnicity: fc.constantFrom("01", "54", "55", "1", " 01", "", null),
  pid: nullable(pidText),
  birthRegisteredOn: nullable(dateText),
  residenceType: fc.constantFrom("permanent", "temporary", "none", "", null),
  residenceRegisteredOn: nullable(dateText),
  bhyt: nullable(bhytText),
  fatherId: link,
  motherId: link,
  guardianId: link,
  representative: fc.constantFrom("father", "mother", "guardian", null),
}, { requiredKeys: ["id"] }) as fc.Arbitrary<Child>;

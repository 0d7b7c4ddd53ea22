// The personal ID number (số định danh cá nhân): 12 digits, DOMAIN.md "The personal ID
// number". Digits 1–3 say where the birth was registered, digit 4 the century and sex,
// digits 5–6 the year of birth; the last 6 are random, so there is no check digit.
import type { Finding, Gender } from "@roster/schema";
import { PID_COUNTRIES, PID_PROVINCES, type PidCountry, type PidProvince } from "./data";
import { dateKey, NO_DATE, yearOfKey } from "./date-key";
import { finding, type GuardianRole } from "./findings";

export { PID_COUNTRIES, PID_PROVINCES, type PidCountry, type PidProvince };

// Frozen null-prototype records: immutable, and "__proto__" or "toString" typed into the
// field cannot hit an inherited key.
function indexByCode<T extends { readonly code: string }>(rows: readonly T[]): Readonly<Record<string, T>> {
  const index: Record<string, T> = Object.create(null) as Record<string, T>;
  for (const row of rows) index[row.code] = row;
  return Object.freeze(index);
}
const PROVINCE_BY_CODE = indexByCode(PID_PROVINCES);
const COUNTRY_BY_CODE = indexByCode(PID_COUNTRIES);
// Digits 1–3 as a number (0–999) → whether they name a province or a country: `checkPid`
// runs for every child and guardian of a roster, and reading three digits is cheaper
// than slicing a string to look it up. Filled here and never written again.
const KNOWN_PLACE = ((): Uint8Array => {
  const known = new Uint8Array(1000);
  for (const { code } of [...PID_PROVINCES, ...PID_COUNTRIES]) known[Number(code)] = 1;
  return known;
})();

// Spaces (non-breaking ones from Excel and Word included), dots and the dashes that
// autocorrect makes of a hyphen are how people group the digits; they carry nothing.
const SEPARATORS = /[\s.\-\u2010-\u2013\u2212]/g;
const TWELVE_DIGITS = /^\d{12}$/;

/** Removes the spaces, dots and hyphens people type inside an ID number; keeps letters
 * and every other character so that they can be reported. */
export function normalizePid(raw: string): string {
  // Most numbers are typed clean; testing for that is cheaper than a replace that finds nothing.
  return typeof raw === "string" && TWELVE_DIGITS.test(raw) ? raw : raw.replace(SEPARATORS, "");
}

// Shorter digit strings ("0", "1") are placeholders for "not known", not numbers of
// anybody; letters are placeholders too ("chưa có"). Both already get `pid.format`.
const IDENTIFYING = /^\d{9,}$/;

/**
 * The ID number as records are matched on it (duplicates, guardians of an import): digits
 * only, when it can identify a person (9 digits or more: a 12-digit number, or an adult's
 * old 9-digit CMND); null for an empty value or a placeholder.
 */
export function identityNumber(raw: string | null | undefined): string | null {
  const pid = normalizePid(raw ?? "");
  return IDENTIFYING.test(pid) ? pid : null;
}

/** The province of birth registration for a 3-digit code (`"079"` → Hồ Chí Minh), if any. */
export function findProvince(code: string): PidProvince | undefined {
  return PROVINCE_BY_CODE[code];
}

/** The country for a 3-digit code of a birth registered abroad (101–295), if any. */
export function findCountry(code: string): PidCountry | undefined {
  return COUNTRY_BY_CODE[code];
}

/** Whether `code` is one of the 63 province codes of the ID number (e.g. `"001"` Hà Nội). */
export function isProvinceCode(code: string): boolean {
  return findProvince(code) !== undefined;
}

/** Whether `code` is a country code of the ID number present in the country table. */
export function isCountryCode(code: string): boolean {
  return findCountry(code) !== undefined;
}

/** What a well-formed 12-digit ID number says about its holder. */
export interface PidDescription {
  /** Set when digits 1–3 are a province code. */
  province?: PidProvince;
  /** Set when digits 1–3 are a country code (birth registered abroad). */
  country?: PidCountry;
  /** First year of the century of birth (digit 4): 1900, 2000, … 2300. */
  centuryStart?: number;
  gender?: Gender;
  /** Digits 5–6: the last two digits of the year of birth. */
  yearDigits?: string;
}

const ZERO = 0x30;
const NINE_DIGITS = /^\d{9}$/;

/** The digit at `i` of a string known to be ASCII digits. */
function digitAt(digits: string, i: number): number {
  return digits.charCodeAt(i) - ZERO;
}

/** Reads digit 4: 0/1 → 1900s, 2/3 → 2000s, … 8/9 → 2300s; even is male, odd female. */
function centuryAndGender(digit: number): { centuryStart: number; gender: Gender } {
  return { centuryStart: 1900 + Math.floor(digit / 2) * 100, gender: digit % 2 === 0 ? "male" : "female" };
}

/**
 * Describes an ID number for the UI: the place of birth registration, century, sex and
 * year digits. Separators are ignored. Null when it is not 12 digits.
 */
export function describePid(pid: string): PidDescription | null {
  const n = normalizePid(pid);
  if (!TWELVE_DIGITS.test(n)) return null;
  const place = n.slice(0, 3);
  const description: PidDescription = { ...centuryAndGender(Number(n[3])), yearDigits: n.slice(4, 6) };
  const province = findProvince(place);
  const country = findCountry(place);
  if (province) description.province = province;
  if (country) description.country = country;
  return description;
}

/** What the holder's record says, to compare with the number. */
export interface PidPerson {
  dob?: string | null;
  gender?: Gender | null;
}

export interface CheckPidOptions {
  /** `"guardian."` turns `pid.format` into `guardian.pid.format`, etc. */
  codePrefix?: "" | "guardian.";
  /** The field the findings point at; `"pid"` unless told (e.g. `"mother.pid"`). */
  field?: string;
  /** The guardian's role, named in the messages (cha / mẹ / người giám hộ). */
  who?: GuardianRole;
}

type PidCheck = "missing" | "legacy_cmnd" | "format" | "province" | "century_gender" | "birth_year";

/**
 * Checks a personal ID number against its own structure and against the holder's date of
 * birth and gender (each comparison is skipped when that value is unknown or invalid).
 * A number that is not 12 digits gets exactly one finding (`pid.missing`,
 * `pid.legacy_cmnd` for a 9-digit old ID-card number, else `pid.format`); a 12-digit one
 * may get `pid.province`, `pid.century_gender` and `pid.birth_year` together.
 */
export function checkPid(
  pid: string | null | undefined,
  person: PidPerson = {},
  options: CheckPidOptions = {},
): Finding[] {
  const { codePrefix = "", field = "pid", who } = options;
  const report = (check: PidCheck) => finding(`${codePrefix}pid.${check}` as const, field, who);

  // Most numbers are typed clean: 12 digits need neither normalising nor the shape tests.
  const clean = typeof pid === "string" && TWELVE_DIGITS.test(pid);
  const n = clean ? pid : normalizePid(pid ?? "");
  if (!clean) {
    // A lone "-" or "." is how a spreadsheet says "nothing here".
    if (n === "") return [report("missing")];
    if (NINE_DIGITS.test(n)) return [report("legacy_cmnd")];
    if (!TWELVE_DIGITS.test(n)) return [report("format")];
  }

  const findings: Finding[] = [];
  const place = digitAt(n, 0) * 100 + digitAt(n, 1) * 10 + digitAt(n, 2);
  if (KNOWN_PLACE[place] !== 1) findings.push(report("province"));

  const { centuryStart, gender } = centuryAndGender(digitAt(n, 3));
  const dob = dateKey(person.dob);
  const year = dob === NO_DATE ? 0 : yearOfKey(dob);
  // Only a known gender is compared; anything else is gender.missing's business.
  const known = person.gender === "male" || person.gender === "female";
  const genderDisagrees = known && person.gender !== gender;
  const centuryDisagrees = dob !== NO_DATE && (year < centuryStart || year >= centuryStart + 100);
  if (genderDisagrees || centuryDisagrees) findings.push(report("century_gender"));

  const yearDigits = digitAt(n, 4) * 10 + digitAt(n, 5);
  if (dob !== NO_DATE && yearDigits !== year % 100) findings.push(report("birth_year"));
  return findings;
}

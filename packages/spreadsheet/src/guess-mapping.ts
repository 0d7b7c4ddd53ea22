// Guessing which field each column holds from its header, the way a person reads it:
// find the field words ("ngày sinh"), then whose field it is ("mẹ"), and ignore filler
// ("của", "học sinh", "(nếu có)"). A header with words left over means something else.
import type { LocalizedText } from "@roster/schema";
import {
  GUARDIAN_COLUMN_FIELDS,
  isMultiColumnTarget,
  targetLabel,
  type ColumnMapping,
  type ColumnTarget,
  type GuardianColumnField,
} from "./column-targets";
import { InvalidMappingError } from "./errors";
import { headerKey, headerKeys } from "./header-key";
import { EXACT_HEADERS, FIELD_PHRASES, NOISE_PHRASES, ROLE_PHRASES } from "./header-synonyms";
import { MAPPING_MESSAGES } from "./messages";
import type { CellValue } from "./cell-value";

type Phrase<T> = { tokens: readonly string[]; value: T };

function phrases<T extends string>(table: Readonly<Partial<Record<T, readonly string[]>>>): Phrase<T>[] {
  const out: Phrase<T>[] = [];
  for (const [value, texts] of Object.entries(table) as [T, readonly string[]][]) {
    for (const text of texts) out.push({ tokens: headerKey(text).split(" "), value });
  }
  // Longest first: "tên trường" is a school before "tên" is a name.
  return out.sort((a, b) => b.tokens.length - a.tokens.length);
}

const EXACT: ReadonlyMap<string, ColumnTarget> = new Map(
  (Object.entries(EXACT_HEADERS) as [ColumnTarget, readonly string[]][]).flatMap(([target, texts]) =>
    texts.map((text) => [headerKey(text), target] as const),
  ),
);
const FIELDS = phrases(FIELD_PHRASES);
const ROLES = phrases(ROLE_PHRASES);
const NOISE = phrases({ noise: NOISE_PHRASES });
// A longer cell is a title or a sentence, not a header.
const MAX_HEADER_WORDS = 12;

/** Marks every occurrence of each phrase in the unconsumed tokens; returns the values found. */
function consume<T>(tokens: string[], used: boolean[], table: readonly Phrase<T>[]): Set<T> {
  const found = new Set<T>();
  for (const { tokens: phrase, value } of table) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, k) => !used[i + k] && tokens[i + k] === word)) {
        for (let k = 0; k < phrase.length; k++) used[i + k] = true;
        found.add(value);
      }
    }
  }
  return found;
}

const GUARDIAN_FIELDS: ReadonlySet<string> = new Set(GUARDIAN_COLUMN_FIELDS);

// The parts of a date of birth split over columns under a merged "Ngày sinh".
const DATE_PARTS: Readonly<Record<string, ColumnTarget>> = { ngay: "dobDay", thang: "dobMonth", nam: "dobYear" };
// The representative's own fields, named with "người đại diện".
const REPRESENTATIVE_FIELDS: Readonly<Record<string, ColumnTarget>> = { fullName: "representativeName", pid: "representativePid", phone: "phone" };

function targetOfKey(key: string): ColumnTarget | null {
  const exact = EXACT.get(key);
  if (exact !== undefined) return exact;
  const tokens = key.split(" ");
  if (tokens.length > MAX_HEADER_WORDS) return null;
  const part = DATE_PARTS[tokens.at(-1)!];
  if (part !== undefined && tokens.length > 1 && targetOfKey(tokens.slice(0, -1).join(" ")) === "dob") return part;
  const used = tokens.map(() => false);
  const fields = consume(tokens, used, FIELDS);
  const roles = consume(tokens, used, ROLES);
  consume(tokens, used, NOISE);
  // A group label "Thông tin cha mẹ" above "Họ tên cha": the named parent is meant.
  if (roles.size > 1) roles.delete("parents");
  if (fields.size === 2 && fields.has("representative") && roles.size === 0 && !used.includes(false)) {
    const other = [...fields].find((f) => f !== "representative")!;
    return REPRESENTATIVE_FIELDS[other] ?? null;
  }
  if (used.includes(false) || fields.size > 1 || roles.size > 1) return null;
  const field = [...fields][0];
  const role = [...roles][0];
  if (role === undefined) return field ?? null;
  // A parent not named: a phone number is the family's, read as the representative's.
  if (role === "parents") return field === "phone" ? "phone" : null;
  // "Người giám hộ" alone names the guardian; "Quan hệ của người giám hộ" is the child's field.
  if (field === undefined) return `${role}.fullName`;
  if (field === "guardianRelation" && role === "guardian") return "guardianRelation";
  return GUARDIAN_FIELDS.has(field) ? `${role}.${field as GuardianColumnField}` : null;
}

/**
 * The target a header cell names, or null: "Họ và tên" → `fullName`, "NS" → `dob`,
 * "Họ tên cha/bố" → `father.fullName`, "SĐT mẹ" → `mother.phone`, "Nữ" →
 * `genderFemaleMark`, "STT" → `index`. Case, diacritics and punctuation do not matter;
 * TCVN3 / VNI headers are read too.
 */
export function guessColumn(header: CellValue): ColumnTarget | null {
  for (const key of headerKeys(header)) {
    const target = targetOfKey(key);
    if (target !== null) return target;
  }
  return null;
}

/**
 * Guesses the target of every column from its header text. A target other than a name
 * goes to its first column only (a second "Số điện thoại" stays unmapped for the person
 * to decide); a name may span columns ("Họ đệm" + "Tên").
 */
export function guessMapping(headerCells: readonly CellValue[]): ColumnMapping {
  const taken = new Set<ColumnTarget>();
  return headerCells.map((cell) => {
    const target = guessColumn(cell);
    if (target === null) return null;
    if (taken.has(target) && !isMultiColumnTarget(target)) return null;
    taken.add(target);
    return target;
  });
}

/** What is wrong with a mapping (empty when it can be imported): no name column, or a
 * target other than a name given to two columns. */
export function mappingProblems(mapping: ColumnMapping): LocalizedText[] {
  const problems: LocalizedText[] = [];
  if (!mapping.includes("fullName")) problems.push(MAPPING_MESSAGES.noNameColumn);
  const seen = new Set<ColumnTarget>();
  const reported = new Set<ColumnTarget>();
  for (const target of mapping) {
    if (target === null || target === "index") continue;
    if (seen.has(target) && !isMultiColumnTarget(target) && !reported.has(target)) {
      problems.push(MAPPING_MESSAGES.mappedTwice(targetLabel(target)));
      reported.add(target);
    }
    seen.add(target);
  }
  return problems;
}

/** @throws InvalidMappingError when `mappingProblems` finds any. */
export function assertValidMapping(mapping: ColumnMapping): void {
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new InvalidMappingError(problems);
}

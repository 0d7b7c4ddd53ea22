// One data row of an imported list → the child's fields, the guardians' fields, and
// what was noticed on the way. Nothing here looks at the roster: matching comes later.
import type { ChildFields, Gender, GuardianFields, LocalizedText } from "@roster/schema";
import { foldName, normalizeName } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import {
  GUARDIAN_ROLES,
  type ColumnMapping,
  type ColumnTarget,
  type GuardianRoleName,
} from "./column-targets";
import { repairLegacyCell, type LegacyColumn } from "./legacy-columns";
import { CELL_MESSAGES, ROLE_WORDS, ROW_MESSAGES } from "./messages";
import { parseBhytCell } from "./parse-bhyt-cell";
import { parseRepresentativeCell, parseResidenceCell } from "./parse-choice-cells";
import { NO_EVIDENCE, reviewDate, type DateEvidence } from "./date-evidence";
import { parseDateCell } from "./parse-date-cell";
import { isPlausibleName } from "./skip-row";
import { parseEthnicityCell } from "./parse-ethnicity-cell";
import { isMarked, parseGenderCell } from "./parse-gender-cell";
import { parsePhoneCell } from "./parse-phone-cell";
import { parsePidCell } from "./parse-pid-cell";
import { parseVneidCell } from "./parse-vneid-cell";
import type { ParsedCell } from "./parsed-cell";

/** Something noticed on a row: `reject` keeps the row out of the import; `warning` and
 * `info` go with an imported row (a value left empty or kept as typed; a value repaired). */
export interface RowIssue {
  /** Spreadsheet row number (1-based, as Excel shows it). */
  row: number;
  target: ColumnTarget | null;
  level: "reject" | "warning" | "info";
  message: LocalizedText;
  /** `date`: a date read day-first where the text says so, that a person should check. */
  review?: "date";
  /** The sheet of the row, when the file's import read several. */
  sheet?: string;
}

/** What one row of the file says. Only fields with a value are set. */
export interface RowRead {
  row: number;
  child: ChildFields;
  guardians: Partial<Record<GuardianRoleName, GuardianFields>>;
  /** A phone number of unnamed owner (the representative's, once known). */
  phone: string | null;
  issues: RowIssue[];
}

/** What is decided once per file about its columns. */
export interface ColumnContext {
  mapping: ColumnMapping;
  /** How each column's TCVN3 / VNI cells convert to Unicode. */
  legacy: readonly LegacyColumn[];
  /** What each date column's cells say of their order (all are read day-first). */
  dates: ReadonlyMap<number, DateEvidence>;
  /** Whether the file marks anybody in its "Nữ" / "Nam" column: a blank mark only means
   * the other gender in a column somebody filled in. */
  marksInUse: { female: boolean; male: boolean };
  asOf: string;
}

const ROLE_GENDER: Readonly<Record<GuardianRoleName, Gender | null>> = { father: "male", mother: "female", guardian: null };
// A child's date of birth and ID number are how the child is matched and verified: an
// unreadable one rejects the row; other unreadable values leave their field empty.
const REJECTING: ReadonlySet<ColumnTarget> = new Set(["dob", "pid"]);

/** The name from its columns: parts joined in column order; a part that only repeats the
 * given name already there ("Họ và tên" + a "Tên" column for sorting) is dropped. */
function joinName(parts: readonly string[]): string | null {
  let joined = "";
  for (const part of parts) {
    if (part === "") continue;
    if (joined !== "" && joined.split(" ").at(-1)?.toLowerCase() === part.toLowerCase()) continue;
    joined = joined === "" ? part : `${joined} ${part}`;
  }
  return joined === "" ? null : normalizeName(joined);
}

class RowReader {
  readonly issues: RowIssue[] = [];
  private readonly cells = new Map<ColumnTarget, CellValue[]>();
  private readonly evidence = new Map<ColumnTarget, DateEvidence>();

  constructor(
    readonly row: number,
    raw: readonly CellValue[],
    private readonly context: ColumnContext,
  ) {
    context.mapping.forEach((target, column) => {
      if (target === null || target === "index") return;
      const value = repairLegacyCell(raw[column] ?? null, context.legacy[column]);
      const list = this.cells.get(target);
      if (list) list.push(value);
      else this.cells.set(target, [value]);
      const evidence = context.dates.get(column);
      if (evidence !== undefined && !this.evidence.has(target)) this.evidence.set(target, evidence);
    });
  }

  has(target: ColumnTarget): boolean {
    return this.cells.has(target);
  }

  cell(target: ColumnTarget): CellValue {
    return this.cells.get(target)?.[0] ?? null;
  }

  name(target: ColumnTarget): string | null {
    return joinName((this.cells.get(target) ?? []).map(cellText));
  }

  text(target: ColumnTarget): string | null {
    const text = cellText(this.cell(target));
    return text === "" ? null : text;
  }

  /** The parsed value, with its issue recorded; `problem` rejects the row for a child's
   * date of birth or ID number and is a warning elsewhere. */
  take<T>(target: ColumnTarget, parsed: ParsedCell<T>): T | null {
    const issue = parsed.issue;
    if (issue !== undefined) {
      const level = issue.kind === "problem" ? (REJECTING.has(target) ? "reject" : "warning") : issue.kind;
      this.issues.push({ row: this.row, target, level, message: issue.message });
    }
    return parsed.value;
  }

  date(target: ColumnTarget, person: "child" | "adult"): string | null {
    const parsed = reviewDate(this.cell(target), this.evidence.get(target) ?? NO_EVIDENCE, { asOf: this.context.asOf, person });
    const value = this.take(target, parsed);
    if (parsed.review) this.issues.at(-1)!.review = "date";
    return value;
  }

  /** A date of birth split over "Ngày | Tháng | Năm" columns; null when none is filled. */
  splitDob(): string | null {
    const parts = (["dobDay", "dobMonth", "dobYear"] as const).map((target) => cellText(this.cell(target)));
    if (parts.every((part) => part === "")) return null;
    if (parts.some((part) => part === "")) {
      this.issues.push({ row: this.row, target: "dob", level: "reject", message: CELL_MESSAGES.dateIncomplete(parts.map((p) => p || "…").join("/")) });
      return null;
    }
    return this.take("dob", parseDateCell(parts.join("/"), { asOf: this.context.asOf, person: "child", order: "dmy" }));
  }

  gender(): Gender | null {
    const typed = this.take("gender", parseGenderCell(this.cell("gender")));
    if (typed !== null) return typed;
    const { female, male } = this.context.marksInUse;
    const markedFemale = female && isMarked(this.cell("genderFemaleMark"));
    const markedMale = male && isMarked(this.cell("genderMaleMark"));
    if (markedFemale !== markedMale) return markedFemale ? "female" : "male";
    // School lists mark only the girls: an unmarked row in a filled-in "Nữ" column is a boy.
    if (!markedFemale && female && !this.has("genderMaleMark")) return "male";
    if (!markedMale && male && !this.has("genderFemaleMark")) return "female";
    return null;
  }
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null && value !== undefined) target[key] = value;
}

function readGuardian(reader: RowReader, role: GuardianRoleName): GuardianFields | undefined {
  const fields: GuardianFields = {};
  const gender = ROLE_GENDER[role];
  const dob = reader.date(`${role}.dob`, "adult");
  set(fields, "fullName", reader.name(`${role}.fullName`));
  set(fields, "dob", dob);
  set(fields, "pid", reader.take(`${role}.pid`, parsePidCell(reader.cell(`${role}.pid`), { dob, gender })));
  set(fields, "phone", reader.take(`${role}.phone`, parsePhoneCell(reader.cell(`${role}.phone`))));
  if (Object.keys(fields).length === 0) return undefined;
  if (fields.fullName === undefined && fields.pid === undefined) {
    reader.issues.push({ row: reader.row, target: `${role}.fullName`, level: "warning", message: ROW_MESSAGES.guardianWithoutName(ROLE_WORDS[role]) });
    return undefined;
  }
  if (gender !== null) fields.gender = gender;
  return fields;
}

function representativeNameIn(text: string | null): string | null {
  return text !== null && isPlausibleName(text) && text.includes(" ") ? normalizeName(text) : null;
}

/**
 * The representative's own columns ("Họ tên người đại diện", "Số định danh người đại
 * diện", with "Quan hệ"): the father or mother of the row when the name is theirs or the
 * relation says so, else the guardian. Their fields join that guardian's, and the child's
 * `representative` says which role it is.
 */
function linkRepresentative(reader: RowReader, child: ChildFields, guardians: RowRead["guardians"], namedInCell: string | null): void {
  const name = reader.name("representativeName") ?? namedInCell;
  const pid = reader.take("representativePid", parsePidCell(reader.cell("representativePid")));
  if (name === null && pid === null) return;
  const folded = name === null ? "" : foldName(name);
  const byName = GUARDIAN_ROLES.find((role) => folded !== "" && foldName(guardians[role]?.fullName ?? "") === folded);
  const relation = parseRepresentativeCell(child.guardianRelation ?? null, {}).value ?? null;
  const free = (role: GuardianRoleName) => {
    const known = guardians[role]?.fullName;
    return known === undefined || known === null || folded === "" || foldName(known) === folded;
  };
  const role: GuardianRoleName = byName ?? child.representative ?? (relation !== null && free(relation) ? relation : "guardian");
  if (!free(role)) {
    reader.issues.push({ row: reader.row, target: "representativeName", level: "warning", message: ROW_MESSAGES.representativeOther(name ?? "", ROLE_WORDS[role]) });
    return;
  }
  const fields: GuardianFields = { ...(guardians[role] ?? {}) };
  if (name !== null) fields.fullName ??= name;
  if (pid !== null) fields.pid ??= pid;
  const gender = ROLE_GENDER[role];
  if (gender !== null) fields.gender = gender;
  guardians[role] = fields;
  child.representative ??= role;
}

/**
 * Reads one data row: legacy text converted per column, every value parsed by its
 * target's parser. A row without a child's name, or with an unreadable date of birth or
 * ID number, carries a `reject` issue; a guardian with neither name nor ID number is
 * dropped with a warning. Guardians get the gender of their role (father, mother).
 */
export function readRow(row: number, raw: readonly CellValue[], context: ColumnContext): RowRead {
  const reader = new RowReader(row, raw, context);
  const child: ChildFields = {};
  const fullName = reader.name("fullName");
  if (fullName === null) reader.issues.push({ row, target: "fullName", level: "reject", message: ROW_MESSAGES.noName });
  set(child, "fullName", fullName);
  const dob = reader.has("dob") ? reader.date("dob", "child") : reader.splitDob();
  const gender = reader.gender();
  set(child, "dob", dob);
  set(child, "gender", gender);
  set(child, "ethnicity", reader.take("ethnicity", parseEthnicityCell(reader.cell("ethnicity"))));
  set(child, "pid", reader.take("pid", parsePidCell(reader.cell("pid"), { dob, gender })));
  set(child, "bhyt", reader.take("bhyt", parseBhytCell(reader.cell("bhyt"))));
  set(child, "residenceType", reader.take("residenceType", parseResidenceCell(reader.cell("residenceType"))));
  set(child, "birthRegisteredOn", reader.date("birthRegisteredOn", "child"));
  set(child, "residenceRegisteredOn", reader.date("residenceRegisteredOn", "child"));
  set(child, "vneid", reader.take("vneid", parseVneidCell(reader.cell("vneid"))));
  for (const field of ["village", "address", "school", "grade", "guardianRelation", "note"] as const) {
    set(child, field, reader.text(field));
  }

  const guardians: RowRead["guardians"] = {};
  for (const role of GUARDIAN_ROLES) {
    const fields = readGuardian(reader, role);
    if (fields !== undefined) guardians[role] = fields;
  }
  const names = { father: guardians.father?.fullName, mother: guardians.mother?.fullName, guardian: guardians.guardian?.fullName };
  const said = parseRepresentativeCell(reader.cell("representative"), names);
  // "Người đại diện" holding a name of nobody else on the row names the representative.
  const namedInCell = said.value === null && said.issue !== undefined ? representativeNameIn(reader.text("representative")) : null;
  if (namedInCell === null) set(child, "representative", reader.take("representative", said));
  linkRepresentative(reader, child, guardians, namedInCell);
  const phone = reader.take("phone", parsePhoneCell(reader.cell("phone")));
  return { row, child, guardians, phone, issues: reader.issues };
}

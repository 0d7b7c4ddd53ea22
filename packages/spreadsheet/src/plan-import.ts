// Everything an import would do, worked out before anything is written (the preview).
import type { Child, Guardian, LocalizedText } from "@roster/schema";
import { isIsoDate } from "@roster/rules";
import { childChanges } from "./child-changes";
import { buildColumnContext } from "./column-context";
import { GUARDIAN_ROLES, type ColumnMapping, type GuardianRoleName } from "./column-targets";
import { foldName } from "@roster/rules";
import { findHeaderRow, type HeaderLocation } from "./find-header-row";
import { assertValidMapping } from "./guess-mapping";
import type { ChildAddition, ChildUpdate, GuardianRef, ImportPlan, LinkChange, LinkField } from "./import-plan";
import { ChildMatcher, type RowPlace } from "./match-children";
import { GuardianResolver } from "./match-guardians";
import { ROW_MESSAGES } from "./messages";
import { evaluatePlannedRoster } from "./plan-findings";
import { readRow, type RowIssue, type RowRead } from "./read-row";
import { RowSkipper } from "./skip-row";
import type { RawTable, SheetTable } from "./raw-table";

/** The roster the file is imported into. */
export interface ExistingRoster {
  children: readonly Child[];
  guardians: Readonly<Record<string, Guardian>>;
}

export interface PlanImportOptions {
  /** The day the data is judged on (`YYYY-MM-DD`): findings, and the century of two-digit years. */
  asOf: string;
  fileName: string;
  /** The header; found with `findHeaderRow` when undefined; null: the data starts on row 1. */
  header?: HeaderLocation | null;
  /** Called every few hundred rows, for a progress bar (the plan is computed synchronously;
   * run it in a worker for large files). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

const LINK_OF: Readonly<Record<GuardianRoleName, LinkField>> = { father: "fatherId", mother: "motherId", guardian: "guardianId" };
const PROGRESS_EVERY = 500;
const NO_HEADER: HeaderLocation = { first: -1, last: -1, cells: [] };

/** The role whose phone an unattributed phone number is: the representative's, else the
 * only guardian the row names; null when that cannot be told. */
function phoneOwner(read: RowRead, matched: Child | undefined): GuardianRoleName | null {
  const representative = read.child.representative ?? matched?.representative ?? null;
  if (representative && (read.guardians[representative] || matched?.[LINK_OF[representative]])) return representative;
  const named = GUARDIAN_ROLES.filter((role) => read.guardians[role] !== undefined);
  return named.length === 1 ? named[0]! : null;
}

function sameRef(ref: GuardianRef, id: string | null | undefined): boolean {
  return ref.kind === "existing" && ref.id === id;
}

/**
 * Works out what importing `table` into a roster would do, without writing anything:
 * rows read through `mapping` (see `readRow`), matched to existing children
 * (`ChildMatcher`: same 12-digit ID number, else folded name and date of birth), their
 * guardians resolved (`GuardianResolver`: siblings share records, existing parents are
 * reused), field-by-field changes for matched children (`childChanges`: blank cells never
 * clear, valid values are never spoiled), and the findings every added or updated child
 * will have. Every sheet the table read is planned (each with its own header, found in
 * the same shape; rows then carry their `sheet`), with one matcher and one resolver, so
 * a child on two class sheets is one child. Rows that are not children are `skipped`
 * with their reason (`RowSkipper`). Pure and synchronous.
 * @throws InvalidMappingError when the mapping has no name column or a field twice.
 * @throws RangeError when `asOf` is not a valid date.
 */
export function planImport(table: RawTable, mapping: ColumnMapping, existing: ExistingRoster, options: PlanImportOptions): ImportPlan {
  const { asOf, fileName, onProgress } = options;
  if (!isIsoDate(asOf)) throw new RangeError(`planImport: asOf is not a valid date: ${JSON.stringify(asOf)}`);
  assertValidMapping(mapping);
  const header = options.header === undefined ? (findHeaderRow(table.rows) ?? NO_HEADER) : (options.header ?? NO_HEADER);
  const sheets: readonly SheetTable[] = table.sheets ?? [{ name: table.sheet, rows: table.rows }];
  const several = sheets.length > 1;
  // Each sheet of a workbook of classes has its own title block and header, in the same shape.
  const parts = sheets.map((sheet) => {
    const own = sheet.name === table.sheet || options.header === null ? header : (findHeaderRow(sheet.rows) ?? header);
    return { sheet, header: own, start: own.last + 1, rows: sheet.rows.slice(own.last + 1) };
  });
  const { context, reports } = buildColumnContext(parts.flatMap((part) => part.rows), mapping, header.cells, asOf);

  const plan: ImportPlan = {
    fileName, asOf, header, columns: reports, sheets: sheets.map((s) => s.name), skippedSheets: [...(table.skippedSheets ?? [])],
    add: [], update: [], unchanged: [], rejected: [], skipped: [],
    guardianAdd: [], guardianUpdate: [], issues: [], notes: [...table.warnings], findingCounts: {},
  };
  if (several) plan.notes.push(ROW_MESSAGES.sheetsRead(plan.sheets));
  for (const report of reports) {
    if (report.legacyEncoding !== null) plan.notes.push(ROW_MESSAGES.legacyColumn(report.header, report.legacyEncoding.toUpperCase(), report.converted));
  }
  const matcher = new ChildMatcher(existing.children);
  const resolver = new GuardianResolver(existing.guardians, existing.children);
  const total = parts.reduce((sum, part) => sum + part.rows.length, 0);
  let done = 0;

  for (const part of parts) {
    const skipper = new RowSkipper(mapping, part.header.cells);
    const sheet = several ? part.sheet.name : undefined;
    const at = (row: number): RowPlace => (sheet === undefined ? { row } : { row, sheet });
    part.rows.forEach((raw, offset) => {
      const row = part.start + offset + 1;
      if (onProgress && done % PROGRESS_EVERY === 0) onProgress({ done, total });
      done++;
      const skip = skipper.reason(raw, row);
      if (skip === "blank") return;
      if (skip !== null) {
        plan.skipped.push({ ...at(row), reason: skip });
        return;
      }
      planRow(plan, at(row), readRow(row, raw, context), { matcher, resolver, guardians: existing.guardians });
    });
  }

  onProgress?.({ done: total, total });
  plan.guardianAdd = resolver.additionsList();
  plan.guardianUpdate = resolver.updatesList();
  plan.findingCounts = evaluatePlannedRoster(existing.children, resolver.resultingGuardians(), plan.add, plan.update, asOf);
  return plan;
}

/** No parent named on the row contradicts the parent the child links (folded names). */
function parentsAgree(read: RowRead, child: Child, guardians: Readonly<Record<string, Guardian>>): boolean {
  for (const role of ["father", "mother"] as const) {
    const named = read.guardians[role]?.fullName;
    const id = child[LINK_OF[role]];
    const linked = id && Object.hasOwn(guardians, id) ? guardians[id]?.fullName : undefined;
    if (named && linked && foldName(named) !== foldName(linked)) return false;
  }
  return true;
}

interface RowPlanner {
  matcher: ChildMatcher;
  resolver: GuardianResolver;
  guardians: Readonly<Record<string, Guardian>>;
}

/** Matches one read row, resolves its guardians and adds it to the plan. */
function planRow(plan: ImportPlan, place: RowPlace, read: RowRead, { matcher, resolver, guardians }: RowPlanner): void {
  const { row } = place;
  const where = place.sheet === undefined ? {} : { sheet: place.sheet };
  const reasons = read.issues.filter((i) => i.level === "reject").map((i) => i.message);
  const match =
    reasons.length > 0
      ? undefined
      : matcher.match(place, read.child, (child) => childChanges(child, read.child).changes.length === 0, (child) => parentsAgree(read, child, guardians));
  if (match?.kind === "reject") reasons.push(match.reason);
  if (match === undefined || match.kind === "reject") {
    plan.rejected.push({ ...place, reasons });
    return;
  }
  const matched = match.kind === "update" ? match.child : undefined;
  const issues: RowIssue[] = read.issues.map((issue) => ({ ...issue, ...where }));
  const warn = (message: LocalizedText, target: RowIssue["target"] = null) => issues.push({ row, ...where, target, level: "warning", message });
  if (match.kind === "update" && match.pidTypo) {
    // Which of the two numbers is mistyped is for a person to tell: the stored one stays.
    warn(ROW_MESSAGES.pidTypo(read.child.pid ?? "", match.child.pid ?? ""), "pid");
    delete read.child.pid;
  }

  if (read.phone !== null) {
    const owner = phoneOwner(read, matched);
    if (owner === null) warn(ROW_MESSAGES.phoneOwnerUnknown, "phone");
    else {
      const fields = (read.guardians[owner] ??= {});
      fields.phone ??= read.phone;
    }
  }

  const links: Partial<Record<LinkField, GuardianRef>> = {};
  const linkChanges: LinkChange[] = [];
  const household = { father: read.guardians.father?.fullName, mother: read.guardians.mother?.fullName };
  for (const role of GUARDIAN_ROLES) {
    const fields = read.guardians[role];
    if (fields === undefined) continue;
    const field = LINK_OF[role];
    const linkedId = matched?.[field];
    const resolution = resolver.resolve({ row, role, fields, linkedId, household });
    for (const message of resolution.issues) warn(message, `${role}.fullName`);
    const ref = resolution.ref;
    if (ref === null) continue;
    if (matched === undefined) links[field] = ref;
    else if (!sameRef(ref, linkedId)) linkChanges.push({ field, from: linkedId || null, to: ref });
  }

  plan.issues.push(...issues);
  if (matched === undefined) {
    const key = place.sheet === undefined ? `new-child:${row}` : `new-child:${plan.sheets.indexOf(place.sheet)}:${row}`;
    const addition: ChildAddition = { ...place, key, fields: read.child, links, status: "clean", findings: [] };
    plan.add.push(addition);
    return;
  }
  const { changes, kept } = childChanges(matched, read.child);
  for (const message of kept) plan.issues.push({ row, ...where, target: null, level: "warning", message });
  if (changes.length === 0 && linkChanges.length === 0) {
    plan.unchanged.push({ ...place, childId: matched.id });
    return;
  }
  const update: ChildUpdate = { ...place, childId: matched.id, changes, links: linkChanges, status: "clean", findings: [] };
  plan.update.push(update);
}

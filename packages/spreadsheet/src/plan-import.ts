// Everything an import would do, worked out before anything is written (the preview).
import type { Child, Guardian, LocalizedText } from "@roster/schema";
import { isIsoDate } from "@roster/rules";
import { childChanges } from "./child-changes";
import { buildColumnContext } from "./column-context";
import { GUARDIAN_ROLES, type ColumnMapping, type GuardianRoleName } from "./column-targets";
import { findHeaderRow, type HeaderLocation } from "./find-header-row";
import { assertValidMapping } from "./guess-mapping";
import type { ChildAddition, ChildUpdate, GuardianRef, ImportPlan, LinkChange, LinkField } from "./import-plan";
import { ChildMatcher } from "./match-children";
import { GuardianResolver } from "./match-guardians";
import { ROW_MESSAGES } from "./messages";
import { evaluatePlannedRoster } from "./plan-findings";
import type { RawTable } from "./raw-table";
import { readRow, type RowIssue, type RowRead } from "./read-row";
import { skipReason } from "./skip-row";

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
 * will have. Pure and synchronous.
 * @throws InvalidMappingError when the mapping has no name column or a field twice.
 * @throws RangeError when `asOf` is not a valid date.
 */
export function planImport(table: RawTable, mapping: ColumnMapping, existing: ExistingRoster, options: PlanImportOptions): ImportPlan {
  const { asOf, fileName, onProgress } = options;
  if (!isIsoDate(asOf)) throw new RangeError(`planImport: asOf is not a valid date: ${JSON.stringify(asOf)}`);
  assertValidMapping(mapping);
  const header = options.header === undefined ? (findHeaderRow(table.rows) ?? NO_HEADER) : (options.header ?? NO_HEADER);
  const start = header.last + 1;
  const dataRows = table.rows.slice(start);
  const { context, reports } = buildColumnContext(dataRows, mapping, header.cells, asOf);

  const plan: ImportPlan = {
    fileName, asOf, header, columns: reports, add: [], update: [], unchanged: [], rejected: [], skipped: [],
    guardianAdd: [], guardianUpdate: [], issues: [], notes: [...table.warnings], findingCounts: {},
  };
  for (const report of reports) {
    if (report.legacyEncoding !== null) plan.notes.push(ROW_MESSAGES.legacyColumn(report.header, report.legacyEncoding.toUpperCase(), report.converted));
  }
  const matcher = new ChildMatcher(existing.children);
  const resolver = new GuardianResolver(existing.guardians, existing.children);

  dataRows.forEach((raw, offset) => {
    const row = start + offset + 1;
    if (onProgress && offset % PROGRESS_EVERY === 0) onProgress({ done: offset, total: dataRows.length });
    const skip = skipReason(raw, mapping, header.cells);
    if (skip === "blank") return;
    if (skip !== null) {
      plan.skipped.push({ row, reason: skip });
      return;
    }
    const read = readRow(row, raw, context);
    const reasons = read.issues.filter((i) => i.level === "reject").map((i) => i.message);
    const match = reasons.length > 0 ? undefined : matcher.match(row, read.child, (child) => childChanges(child, read.child).changes.length === 0);
    if (match?.kind === "reject") reasons.push(match.reason);
    if (match === undefined || match.kind === "reject") {
      plan.rejected.push({ row, reasons });
      return;
    }
    const matched = match.kind === "update" ? match.child : undefined;
    const issues: RowIssue[] = [...read.issues];
    const warn = (message: LocalizedText, target: RowIssue["target"] = null) => issues.push({ row, target, level: "warning", message });

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
      const key = `new-child:${row}`;
      const addition: ChildAddition = { row, key, fields: read.child, links, status: "clean", findings: [] };
      plan.add.push(addition);
      return;
    }
    const { changes, kept } = childChanges(matched, read.child);
    for (const message of kept) plan.issues.push({ row, target: null, level: "warning", message });
    if (changes.length === 0 && linkChanges.length === 0) {
      plan.unchanged.push({ row, childId: matched.id });
      return;
    }
    const update: ChildUpdate = { row, childId: matched.id, changes, links: linkChanges, status: "clean", findings: [] };
    plan.update.push(update);
  });

  onProgress?.({ done: dataRows.length, total: dataRows.length });
  plan.guardianAdd = resolver.additionsList();
  plan.guardianUpdate = resolver.updatesList();
  plan.findingCounts = evaluatePlannedRoster(existing.children, resolver.resultingGuardians(), plan.add, plan.update, asOf);
  return plan;
}

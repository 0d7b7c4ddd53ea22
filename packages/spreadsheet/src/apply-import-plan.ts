// Carrying out a plan through a writer the caller provides, so this package stays free
// of Yjs: the web app and the server implement it with @roster/doc's RosterRecords.
import type { ChildFields, GuardianFields, ImportResult } from "@roster/schema";
import type { GuardianRef, ImportPlan, LinkField } from "./import-plan";

/**
 * The writes an import makes. Each `create` returns the new record's id. Implemented over
 * `RosterRecords` inside one transaction whose origin names the file (see README), so the
 * import is one change and the audit records where it came from.
 */
export interface ImportWriter {
  createGuardian(fields: GuardianFields): string;
  updateGuardian(id: string, patch: GuardianFields): void;
  createChild(fields: ChildFields): string;
  updateChild(id: string, patch: ChildFields): void;
}

/** What applying a plan did; `result` is the API's `{added, updated, rejected}`. */
export interface AppliedImport {
  result: ImportResult;
  /** Ids of the children created, by their plan key (`new-child:<row>`). */
  childIds: Record<string, string>;
  /** Ids of the guardians created, by their plan key (`new-guardian:<n>`). */
  guardianIds: Record<string, string>;
  guardiansAdded: number;
  guardiansUpdated: number;
}

/** The API's rejected rows: reasons in Vietnamese, after the sheet's name when several were read. */
export function rejectedRows(plan: ImportPlan): { row: number; reason: string }[] {
  return plan.rejected.map(({ row, sheet, reasons }) => ({
    row,
    reason: `${sheet === undefined ? "" : `Trang “${sheet}”: `}${reasons.map((r) => r.vi).join("; ")}`,
  }));
}

/**
 * Writes a plan: new guardians first (children link to them), then changes to existing
 * guardians, new children, changed children. Rejected rows are reported with their
 * reasons in Vietnamese. The plan was computed against a snapshot: if the roster may have
 * changed since the preview, plan again before applying.
 */
export function applyImportPlan(plan: ImportPlan, writer: ImportWriter): AppliedImport {
  const guardianIds: Record<string, string> = {};
  for (const { key, fields } of plan.guardianAdd) guardianIds[key] = writer.createGuardian(fields);
  const idOf = (ref: GuardianRef): string => {
    if (ref.kind === "existing") return ref.id;
    const id = guardianIds[ref.key];
    if (id === undefined) throw new Error(`applyImportPlan: the plan links unknown guardian ${ref.key}`);
    return id;
  };
  for (const { guardianId, changes } of plan.guardianUpdate) {
    const patch: Record<string, unknown> = {};
    for (const { field, to } of changes) patch[field] = to;
    writer.updateGuardian(guardianId, patch as GuardianFields);
  }
  const childIds: Record<string, string> = {};
  for (const { key, fields, links } of plan.add) {
    const linked: Partial<Record<LinkField, string>> = {};
    for (const [field, ref] of Object.entries(links) as [LinkField, GuardianRef][]) linked[field] = idOf(ref);
    childIds[key] = writer.createChild({ ...fields, ...linked });
  }
  for (const { childId, changes, links } of plan.update) {
    const patch: Record<string, unknown> = {};
    for (const { field, to } of changes) patch[field] = to;
    for (const { field, to } of links) patch[field] = idOf(to);
    writer.updateChild(childId, patch as ChildFields);
  }
  return {
    result: {
      added: plan.add.length,
      updated: plan.update.length,
      rejected: rejectedRows(plan),
    },
    childIds,
    guardianIds,
    guardiansAdded: plan.guardianAdd.length,
    guardiansUpdated: plan.guardianUpdate.length,
  };
}

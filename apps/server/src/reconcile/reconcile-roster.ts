// Reconciliation of a roster with the police's extract of the national population
// database, on the server: the extract read like an import (header, synonyms, legacy
// fonts), matched against the roster as it is now, and police's decisions applied in one
// change whose audit names the file, then the agreeing children verified.
import type { RosterRecords } from "@roster/doc";
import type { ReconcileDecisions, ReconcilePreview } from "@roster/schema";
import {
  findHeaderRow,
  guessMapping,
  planReconcileApply,
  readExtract,
  reconcileExtract,
  type ColumnMapping,
  type ExtractRead,
  type HeaderLocation,
  type RawTable,
  type ReconcileApplyPlan,
} from "@roster/spreadsheet";
import type { ChangeContext } from "../audit/change-origin";
import { asUnprocessableMapping, effectiveMapping, type MappingOverride } from "../imports/plan-roster-import";

/** The extract as read for one roster: what was found and how its columns were taken. */
export interface RosterExtract {
  header: HeaderLocation | null;
  guessed: ColumnMapping;
  mapping: ColumnMapping;
  extract: ExtractRead;
}

/** Reads `table` as an extract; a mapping that cannot name people is a 422. */
export function readRosterExtract(table: RawTable, options: { asOf: string; override?: MappingOverride | undefined }): RosterExtract {
  const header = findHeaderRow(table.rows);
  const guessed = guessMapping(header?.cells ?? []);
  const mapping = effectiveMapping(guessed, options.override);
  try {
    return { header, guessed, mapping, extract: readExtract(table, mapping, { asOf: options.asOf, header }) };
  } catch (error) {
    throw asUnprocessableMapping(error);
  }
}

function rosterOf(records: RosterRecords) {
  return { children: records.listChildren({ includeRemoved: true }), guardians: records.guardiansById() };
}

/** The preview against the roster as it is now. */
export function previewReconcile(records: RosterRecords, extract: ExtractRead, asOf: string): ReconcilePreview {
  return reconcileExtract(extract, rosterOf(records), { asOf });
}

/** What `writeReconcile` changed. */
export interface ReconcileWrites {
  updated: number;
  added: number;
}

/**
 * Plans `decisions` against the roster as it is now and writes them in ONE transaction
 * (through `transact`, a room's write), its origin naming the user and `reconcile:<file>`
 * so that every audit entry says where the value came from. Synchronous from plan to write
 * so the plan cannot go stale.
 */
export function writeReconcile(
  records: RosterRecords,
  extract: ExtractRead,
  decisions: ReconcileDecisions,
  context: ChangeContext,
  options: { asOf: string; village: string; transact: (change: () => void, origin: unknown) => void },
): { plan: ReconcileApplyPlan; writes: ReconcileWrites } {
  const plan = planReconcileApply(extract, rosterOf(records), decisions, { asOf: options.asOf });
  const origin = { context };
  const actor = { id: context.user.id, name: context.user.displayName || context.user.username };
  const updatedRecords = new Set<string>();
  let added = 0;
  const hasWrites = plan.childWrites.length + plan.guardianWrites.length + plan.guardianCreates.length + plan.additions.length > 0;
  if (hasWrites) {
    options.transact(() => {
      for (const { childId, patch } of plan.childWrites) {
        if (records.updateChild(childId, patch, actor, origin).length > 0) updatedRecords.add(`c:${childId}`);
      }
      for (const { guardianId, patch } of plan.guardianWrites) {
        if (records.updateGuardian(guardianId, patch, actor, origin).length > 0) updatedRecords.add(`g:${guardianId}`);
      }
      for (const { childId, role, fields } of plan.guardianCreates) {
        const id = records.createGuardian(fields, origin);
        records.updateChild(childId, role === "father" ? { fatherId: id } : { motherId: id }, actor, origin);
        updatedRecords.add(`c:${childId}`);
      }
      for (const addition of plan.additions) {
        const links: { fatherId?: string; motherId?: string } = {};
        if (addition.father) links.fatherId = records.createGuardian(addition.father, origin);
        if (addition.mother) links.motherId = records.createGuardian(addition.mother, origin);
        // A child the extract of this village's group names lives in this village.
        records.createChild({ village: options.village, ...addition.child, ...links }, origin);
        added += 1;
      }
    }, origin);
  }
  return { plan, writes: { updated: updatedRecords.size, added } };
}

import type * as Y from "yjs";
import { newRecordId, recordImport, type RosterRecords } from "@roster/doc";
import type { ImportResult } from "@roster/schema";
import { applyImportPlan, rejectedRows, type ImportPlan } from "@roster/spreadsheet";
import type { ChangeContext } from "../audit/change-origin";

/** Runs `change` as ONE Yjs transaction with `origin` (a room's `write`, or `doc.transact`). */
export type Transact = (change: () => void, origin: unknown) => void;

/** True when applying the plan writes nothing (every row unchanged, rejected or skipped). */
export function planWritesNothing(plan: ImportPlan): boolean {
  return plan.add.length === 0 && plan.update.length === 0 && plan.guardianAdd.length === 0 && plan.guardianUpdate.length === 0;
}

/**
 * Commits an import plan into a roster's records document: every write and the `imports`
 * log entry in one transaction whose origin carries `{user, source: file}`, so the audit
 * names the file for every field and clients receive the import as one update. Used by
 * the API (through the room, so it is persisted and relayed like any change) and by the
 * CLI (on a document it persists itself). A plan that writes nothing writes nothing at
 * all: no log entry either, so re-importing an exported list leaves the roster untouched.
 */
export function commitImportPlan(
  doc: Y.Doc,
  records: RosterRecords,
  plan: ImportPlan,
  user: ChangeContext["user"],
  at: string,
  transact: Transact = (change, origin) => doc.transact(change, origin),
): ImportResult {
  const context: ChangeContext = { user, source: plan.fileName };
  const origin = { context };
  const actor = { id: user.id, name: user.displayName || user.username };
  const summary = (): ImportResult => ({
    added: 0,
    updated: 0,
    rejected: rejectedRows(plan),
  });
  if (planWritesNothing(plan)) return summary();
  let result: ImportResult = summary();
  transact(() => {
    const applied = applyImportPlan(plan, {
      createGuardian: (fields) => records.createGuardian(fields, origin),
      updateGuardian: (id, patch) => void records.updateGuardian(id, patch, actor, origin),
      createChild: (fields) => records.createChild(fields, origin),
      updateChild: (id, patch) => void records.updateChild(id, patch, actor, origin),
    });
    result = applied.result;
    recordImport(doc, {
      id: newRecordId(),
      file: plan.fileName,
      at,
      by: user.id,
      byName: actor.name,
      added: result.added,
      updated: result.updated,
      rejected: result.rejected.length,
    });
  }, origin);
  return result;
}

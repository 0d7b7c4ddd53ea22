// Writing a previewed import into the roster's records document: one Yjs transaction for
// every write and the import-log entry, so the change syncs as one update and the
// server's audit names the file for each field it wrote (very large files: a few such
// transactions, see split-plan.ts).
import { newRecordId, recordImport, type Actor, type RosterRecords } from "@roster/doc";
import type { AppliedImport, ImportPlan, applyImportPlan } from "@roster/spreadsheet";
import * as Y from "yjs";
import { bindCreatedGuardians, PART_ROWS, splitPlan } from "./split-plan";

/** The transaction origin of an import (the README of @roster/spreadsheet names it so). */
export function importOrigin(fileName: string): { source: string } {
  return { source: `import:${fileName}` };
}

export type ApplyImportPlan = typeof applyImportPlan;

/**
 * `applyImportPlan`, loaded on demand: importing the spreadsheet package statically would
 * put exceljs (≈1.3 MB) into the app's first bundle. The chunk is precached by the
 * service worker, so this works offline too.
 */
export async function loadApplyImportPlan(): Promise<ApplyImportPlan> {
  return (await import("@roster/spreadsheet")).applyImportPlan;
}

/**
 * Applies `plan` to `records` as `actor`: new guardians, guardian changes, new children,
 * child changes, then one `imports` log entry, all inside one `doc.transact`. A plan of
 * more than `partRows` rows is written as several such transactions, one after the other
 * in this same task (see split-plan.ts: the server's message size limit).
 */
export function commitImport(
  apply: ApplyImportPlan,
  records: RosterRecords,
  plan: ImportPlan,
  actor: Actor,
  now: Date = new Date(),
  partRows: number = PART_ROWS,
): AppliedImport {
  const origin = importOrigin(plan.fileName);
  const total: AppliedImport = {
    result: { added: 0, updated: 0, rejected: [] },
    childIds: {},
    guardianIds: {},
    guardiansAdded: 0,
    guardiansUpdated: 0,
  };
  for (const part of splitPlan(plan, partRows)) {
    const bound = bindCreatedGuardians(part, total.guardianIds);
    records.doc.transact(() => {
      const applied = apply(bound, {
        createGuardian: (fields) => records.createGuardian(fields, origin),
        updateGuardian: (id, patch) => void records.updateGuardian(id, patch, actor, origin),
        createChild: (fields) => records.createChild(fields, origin),
        updateChild: (id, patch) => void records.updateChild(id, patch, actor, origin),
      });
      recordImport(records.doc, {
        id: newRecordId(),
        file: plan.fileName,
        at: now.toISOString(),
        by: actor.id,
        byName: actor.name,
        added: applied.result.added,
        updated: applied.result.updated,
        rejected: applied.result.rejected.length,
      });
      total.result.added += applied.result.added;
      total.result.updated += applied.result.updated;
      total.result.rejected.push(...applied.result.rejected);
      Object.assign(total.childIds, applied.childIds);
      Object.assign(total.guardianIds, applied.guardianIds);
      total.guardiansAdded += applied.guardiansAdded;
      total.guardiansUpdated += applied.guardiansUpdated;
    }, origin);
  }
  return total;
}

/** The document's state now, to tell later whether anything changed since (see `changedSince`). */
export function docVersion(doc: Y.Doc): Uint8Array {
  return Y.encodeStateVector(doc);
}

/** True when `doc` holds changes (local or synced) that it did not hold at `version`. */
export function changedSince(doc: Y.Doc, version: Uint8Array): boolean {
  const now = Y.encodeStateVector(doc);
  if (now.length !== version.length) return true;
  for (let i = 0; i < now.length; i++) if (now[i] !== version[i]) return true;
  return false;
}

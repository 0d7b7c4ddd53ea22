import type { Child, Guardian } from "@roster/schema";
import { evaluateRoster } from "@roster/rules";
import type { ChildAddition, ChildUpdate, GuardianRef, LinkField } from "./import-plan";

function idOf(ref: GuardianRef): string {
  return ref.kind === "existing" ? ref.id : ref.key;
}

/**
 * Fills in the findings each added or updated child will have once the plan is applied:
 * the whole roster as it will be (existing children with their changes, new children
 * under their keys, guardians as `resultingGuardians` says) evaluated by the rules, so
 * duplicates between the file and the roster show too. Returns the count of each code.
 */
export function evaluatePlannedRoster(
  existing: readonly Child[],
  guardians: Record<string, Guardian>,
  add: ChildAddition[],
  update: ChildUpdate[],
  asOf: string,
): Record<string, number> {
  const updates = new Map(update.map((u) => [u.childId, u]));
  const children: Child[] = existing.map((child) => {
    const planned = updates.get(child.id);
    if (planned === undefined) return child;
    const next: Record<string, unknown> = { ...child };
    for (const { field, to } of planned.changes) next[field] = to;
    for (const { field, to } of planned.links) next[field] = idOf(to);
    return next as Child;
  });
  for (const addition of add) {
    const links: Partial<Record<LinkField, string>> = {};
    for (const [field, ref] of Object.entries(addition.links) as [LinkField, GuardianRef][]) links[field] = idOf(ref);
    children.push({ ...addition.fields, ...links, id: addition.key });
  }
  const evaluations = evaluateRoster(children, guardians, { asOf });
  const counts: Record<string, number> = {};
  for (const planned of [...add, ...update]) {
    const evaluation = evaluations.get("key" in planned ? planned.key : planned.childId);
    if (evaluation === undefined) continue;
    planned.status = evaluation.status;
    planned.findings = evaluation.findings;
    for (const code of new Set(evaluation.findings.map((f) => f.code))) counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

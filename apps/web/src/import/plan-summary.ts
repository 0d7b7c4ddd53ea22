// What the preview shows of a plan, worked out from the plan alone (no DOM): counts, the
// findings the new data will have, and a digest to tell whether a re-plan changed anything.
import type { Finding, LocalizedText, Severity } from "@roster/schema";
import type { ImportPlan } from "@roster/spreadsheet";

export interface PlanCounts {
  add: number;
  update: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  guardiansAdded: number;
  guardiansUpdated: number;
  warnings: number;
}

export function planCounts(plan: ImportPlan): PlanCounts {
  return {
    add: plan.add.length,
    update: plan.update.length,
    unchanged: plan.unchanged.length,
    rejected: plan.rejected.length,
    skipped: plan.skipped.length,
    guardiansAdded: plan.guardianAdd.length,
    guardiansUpdated: plan.guardianUpdate.length,
    warnings: plan.issues.filter((i) => i.level === "warning").length,
  };
}

/** One finding code the imported children will carry, with how many of them. */
export interface FindingTally {
  code: string;
  severity: Severity;
  message: LocalizedText;
  count: number;
}

/**
 * The findings of the added and updated children, most frequent first, errors before
 * warnings on a tie. Words come from a child carrying the code (the rules' messages).
 */
export function findingTallies(plan: ImportPlan): FindingTally[] {
  const examples = new Map<string, Finding>();
  for (const entry of [...plan.add, ...plan.update]) {
    for (const finding of entry.findings) if (!examples.has(finding.code)) examples.set(finding.code, finding);
  }
  const tallies: FindingTally[] = [];
  for (const [code, count] of Object.entries(plan.findingCounts)) {
    const example = examples.get(code);
    if (!example || count === 0) continue;
    tallies.push({ code, severity: example.severity, message: example.message, count });
  }
  const weight = (s: Severity) => (s === "error" ? 0 : 1);
  return tallies.sort((a, b) => b.count - a.count || weight(a.severity) - weight(b.severity) || a.code.localeCompare(b.code));
}

/** How many added or updated children will still need fixing. */
export function needsFixCount(plan: ImportPlan): number {
  return [...plan.add, ...plan.update].filter((e) => e.status === "needs-fix").length;
}

/**
 * A compact fingerprint of what the plan would write (rows, records and fields): equal
 * digests mean committing either plan writes the same thing.
 */
export function planDigest(plan: ImportPlan): string {
  return JSON.stringify([
    plan.add.map((a) => [a.row, a.fields, a.links]),
    plan.update.map((u) => [u.row, u.childId, u.changes, u.links]),
    plan.guardianAdd.map((g) => [g.key, g.fields]),
    plan.guardianUpdate.map((g) => [g.guardianId, g.changes]),
    plan.rejected.map((r) => r.row),
  ]);
}

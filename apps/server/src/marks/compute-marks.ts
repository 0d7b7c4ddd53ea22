import type { Child, Guardian, Mark, Verification } from "@roster/schema";
import type { Conflict } from "@roster/doc";
import { evaluateRoster, fingerprint, markFor, type Evaluation } from "@roster/rules";
import type { Finding } from "@roster/schema";

/** One child's evaluation with verification taken into account: what the API and marks show. */
export interface ChildMarking {
  evaluation: Evaluation;
  fingerprint: string;
  status: Mark["status"];
  findings: Finding[];
}

const LINKS = [
  ["fatherId", "father"],
  ["motherId", "mother"],
  ["guardianId", "guardian"],
] as const;

/**
 * Which fields of each child are in conflict. A guardian's conflicting field shows on every
 * child linked to that guardian as `<role>.<field>` (e.g. `mother.pid`).
 */
export function conflictFieldsByChild(children: readonly Child[], conflicts: readonly Conflict[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (id: string, field: string) => (out[id] ??= []).push(field);
  const byGuardian = new Map<string, string[]>();
  for (const c of conflicts) {
    if (c.kind === "child") add(c.id, c.field);
    else (byGuardian.get(c.id) ?? byGuardian.set(c.id, []).get(c.id)!).push(c.field);
  }
  if (byGuardian.size > 0) {
    for (const child of children) {
      for (const [link, role] of LINKS) {
        const id = child[link];
        const fields = id ? byGuardian.get(id) : undefined;
        if (fields) for (const f of fields) add(child.id, `${role}.${f}`);
      }
    }
  }
  return out;
}

/**
 * Evaluates a whole roster (duplicates across it included) and applies the police
 * verifications: the single place where the server turns records into statuses.
 */
export function markRoster(
  children: readonly Child[],
  guardians: Record<string, Guardian>,
  verifications: ReadonlyMap<string, Verification>,
  conflicts: readonly Conflict[],
  asOf: string,
): Map<string, ChildMarking> {
  const evaluations = evaluateRoster(children, guardians, {
    asOf,
    conflicts: conflictFieldsByChild(children, conflicts),
  });
  const out = new Map<string, ChildMarking>();
  for (const child of children) {
    const evaluation = evaluations.get(child.id);
    if (!evaluation) continue; // removed
    const fp = fingerprint(child, guardians);
    const { status, findings } = markFor(evaluation, verifications.get(child.id), fp);
    out.set(child.id, { evaluation, fingerprint: fp, status, findings });
  }
  return out;
}

/** The mark stored in the review document for a marking (codes unique, in finding order). */
export function markOf(marking: ChildMarking, at: string): Mark {
  return { status: marking.status, codes: [...new Set(marking.findings.map((f) => f.code))], fingerprint: marking.fingerprint, at };
}

/** True when two marks say the same thing (the time of evaluation aside). */
export function sameMark(a: Mark | undefined, b: Mark): boolean {
  return (
    a !== undefined &&
    a.status === b.status &&
    a.fingerprint === b.fingerprint &&
    a.codes.length === b.codes.length &&
    a.codes.every((code, i) => code === b.codes[i])
  );
}

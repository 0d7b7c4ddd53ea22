import type { RosterRecords } from "@roster/doc";
import { evaluateRecords } from "@roster/engine";
import { markFor, type Evaluation } from "@roster/rules";
import type { Finding, Mark, Verification } from "@roster/schema";

/** One child's evaluation with verification taken into account: what the API and marks show. */
export interface ChildMarking {
  evaluation: Evaluation;
  fingerprint: string;
  status: Mark["status"];
  findings: Finding[];
}

/** A child's marking from the engine's evaluation and the police stamp, if any. */
export function markingOf(evaluation: Evaluation, fingerprint: string, verification: Verification | undefined): ChildMarking {
  const { status, findings } = markFor(evaluation, verification, fingerprint);
  return { evaluation, fingerprint, status, findings };
}

/**
 * Every present child's marking, the whole roster evaluated from scratch (`evaluateRecords`):
 * for a one-off reader of stored documents (the CLI's export) and the tests' reference.
 */
export function markRoster(records: RosterRecords, verifications: ReadonlyMap<string, Verification>, asOf: string): Map<string, ChildMarking> {
  const out = new Map<string, ChildMarking>();
  for (const [id, { evaluation, fingerprint }] of evaluateRecords(records, asOf)) {
    if (evaluation) out.set(id, markingOf(evaluation, fingerprint, verifications.get(id)));
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

// The status of a record once police verification is taken into account
// (DESIGN.md "Review document").
import type { Finding, Status, Verification } from "@roster/schema";
import type { Evaluation } from "./evaluate";
import { finding } from "./findings";
import { VERIFIED_FIELDS } from "./fingerprint";

function hasError(evaluation: Evaluation): boolean {
  return evaluation.findings.some((f) => f.severity === "error");
}

/**
 * The status and findings the review document shows for a record:
 * - `verified` when `verification` exists, its fingerprint equals `fingerprint` (the
 *   record's current one) and no finding is an error;
 * - otherwise `needs-fix` when any finding is an error, else `clean`.
 * When a verification exists but its fingerprint differs, the record was edited after it
 * was verified: the `verification.stale` warning (field `verification`) is added last.
 * A verified record that gains an error without being edited (a duplicate entered
 * elsewhere) drops to `needs-fix` without the stale warning: its content is as verified.
 */
export function markFor(
  evaluation: Evaluation,
  verification: Verification | null | undefined,
  fingerprint: string,
): { status: Status; findings: Finding[] } {
  const error = hasError(evaluation);
  if (verification && verification.fingerprint === fingerprint) {
    return { status: error ? "needs-fix" : "verified", findings: evaluation.findings };
  }
  const findings = verification
    ? [...evaluation.findings, finding("verification.stale", "verification")]
    : evaluation.findings;
  return { status: error ? "needs-fix" : "clean", findings };
}

/** Whether police may verify the record now (the verify endpoint answers 409 otherwise). */
export function canVerify(evaluation: Evaluation): boolean {
  return !hasError(evaluation);
}

/**
 * The fields police verify (`VERIFIED_FIELDS`) that have an open conflict in `evaluation`
 * (`conflict.field` findings, a linked guardian's included as `<role>.<field>`): police
 * never sign a disputed value, so verification is refused while this is not empty.
 */
export function disputedVerifiedFields(evaluation: Evaluation): string[] {
  return evaluation.findings.filter((f) => f.code === "conflict.field" && VERIFIED_FIELDS.has(f.field)).map((f) => f.field);
}

import type { Conflict, RosterRecords } from "@roster/doc";
import { evaluateRoster, fingerprint, type Evaluation } from "@roster/rules";
import type { Child, Guardian } from "@roster/schema";
import { childrenLinkingTo, conflictFieldsByChild } from "./conflict-fields";

/** What the rules say of one child of a roster. */
export interface ChildResult {
  /** Undefined for a removed child (the rules skip it). */
  readonly evaluation: Evaluation | undefined;
  readonly fingerprint: string;
}

/** A roster as plain values: what both evaluations read. */
export interface RosterInput {
  /** Every child, removed ones included. */
  readonly children: readonly Child[];
  readonly guardians: Record<string, Guardian>;
  readonly conflicts: readonly Conflict[];
}

/**
 * Evaluates a whole roster from scratch as of `asOf`: duplicates over the whole roster,
 * conflicts put on children by `conflictFieldsByChild`, every child's fingerprint. The
 * reference the incremental `RosterEngine` equals (the tests compare both), and what a
 * one-off reader (the CLI's export) uses.
 * @throws RangeError when `asOf` is not a valid `YYYY-MM-DD` date.
 */
export function evaluateWhole(roster: RosterInput, asOf: string): Map<string, ChildResult> {
  const conflicts = Object.fromEntries(conflictFieldsByChild(roster.conflicts, childrenLinkingTo(roster.children)));
  const evaluations = evaluateRoster(roster.children, roster.guardians, { asOf, conflicts });
  const out = new Map<string, ChildResult>();
  for (const child of roster.children) {
    out.set(child.id, { evaluation: evaluations.get(child.id), fingerprint: fingerprint(child, roster.guardians) });
  }
  return out;
}

/** `evaluateWhole` over a records document as it is now. */
export function evaluateRecords(records: RosterRecords, asOf: string): Map<string, ChildResult> {
  return evaluateWhole(
    { children: records.listChildren({ includeRemoved: true }), guardians: records.guardiansById(), conflicts: records.conflicts() },
    asOf,
  );
}

import type { Child, Finding, Guardian } from "@roster/schema";
import { duplicatePartners, findDuplicates, type DuplicatePair } from "@roster/rules";

/** Another record a duplicate finding is about, for "which child" and a link to it. */
export interface Partner {
  readonly id: string;
  readonly code: DuplicatePair["code"];
  readonly fullName: string;
  readonly dob: string | null;
}

/**
 * The children the rules pair `child` with, found again with the same rules over the
 * roster, only when the child has a duplicate finding (otherwise nothing is searched).
 */
export function partnersOf(
  child: Child,
  findings: readonly Finding[],
  children: readonly Child[],
  guardians: Record<string, Guardian>,
): Partner[] {
  if (!findings.some((f) => f.code.startsWith("duplicate."))) return [];
  const byId = new Map(children.map((c) => [c.id, c]));
  const pairs = findDuplicates(children.filter((c) => c.removed !== true), guardians);
  return duplicatePartners(child.id, pairs).flatMap(({ id, code }) => {
    const other = byId.get(id);
    return other ? [{ id, code, fullName: other.fullName ?? "", dob: other.dob ?? null }] : [];
  });
}

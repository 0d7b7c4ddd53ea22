import type { Child, Guardian } from "@roster/schema";
import { foldName } from "@roster/rules";
import { matchesQuery, prepareQuery } from "../roster/search";

/** A guardian offered by the picker, with how many children already link to them. */
export interface GuardianChoice {
  readonly guardian: Guardian;
  readonly children: number;
}

/** How many (not removed) children link to each guardian, in any role. */
export function guardianUsage(children: readonly Child[]): Map<string, number> {
  const usage = new Map<string, number>();
  for (const child of children) {
    if (child.removed === true) continue;
    for (const id of new Set([child.fatherId, child.motherId, child.guardianId])) {
      if (id) usage.set(id, (usage.get(id) ?? 0) + 1);
    }
  }
  return usage;
}

/**
 * Guardians matching a search typed without diacritics ("tran thi hoa") or by ID number,
 * most-linked first (a parent of siblings is the likely pick), at most `limit`.
 */
export function searchGuardians(
  guardians: readonly Guardian[],
  usage: ReadonlyMap<string, number>,
  query: string,
  limit = 20,
): GuardianChoice[] {
  const prepared = prepareQuery(query);
  const matches: GuardianChoice[] = [];
  for (const guardian of guardians) {
    const target = { folded: foldName(guardian.fullName ?? ""), numbers: [guardian.pid, guardian.phone] };
    if (!matchesQuery(target, prepared)) continue;
    matches.push({ guardian, children: usage.get(guardian.id) ?? 0 });
  }
  matches.sort((a, b) => b.children - a.children || (a.guardian.fullName ?? "").localeCompare(b.guardian.fullName ?? "", "vi"));
  return matches.slice(0, limit);
}

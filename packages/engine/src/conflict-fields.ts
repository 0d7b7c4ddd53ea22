import type { Conflict } from "@roster/doc";
import { GUARDIAN_LINKS } from "@roster/rules";
import type { Child } from "@roster/schema";

/**
 * The conflicting fields of each child, as `evaluate` takes them (`ctx.conflicts`), each
 * becoming a `conflict.field` warning. A child's conflict is its own field. A guardian's
 * conflict is put on **every child linking to that guardian**, as `<role>.<field>` (e.g.
 * `mother.pid`): police verify the guardians' fields too, and never sign a disputed value,
 * so each child the guardian represents shows it until a person settles it.
 *
 * `linkedTo(guardianId)` gives the children whose father, mother or guardian link names
 * that id (`childrenLinkingTo` over a list, or the engine's incremental links).
 */
export function conflictFieldsByChild(
  conflicts: readonly Conflict[],
  linkedTo: (guardianId: string) => Iterable<Child>,
): Map<string, string[]> {
  const byChild = new Map<string, string[]>();
  const add = (childId: string, field: string) => {
    const fields = byChild.get(childId);
    if (fields) fields.push(field);
    else byChild.set(childId, [field]);
  };
  for (const conflict of conflicts) {
    if (conflict.kind === "child") {
      add(conflict.id, conflict.field);
      continue;
    }
    for (const child of linkedTo(conflict.id)) {
      for (const { role, link } of GUARDIAN_LINKS) if (child[link] === conflict.id) add(child.id, `${role}.${conflict.field}`);
    }
  }
  return byChild;
}

/** `linkedTo` for `conflictFieldsByChild` over a whole list of children. */
export function childrenLinkingTo(children: Iterable<Child>): (guardianId: string) => readonly Child[] {
  const byGuardian = new Map<string, Child[]>();
  for (const child of children) {
    for (const guardianId of new Set(GUARDIAN_LINKS.map(({ link }) => child[link]))) {
      if (typeof guardianId !== "string" || guardianId === "") continue;
      const list = byGuardian.get(guardianId);
      if (list) list.push(child);
      else byGuardian.set(guardianId, [child]);
    }
  }
  return (guardianId) => byGuardian.get(guardianId) ?? [];
}

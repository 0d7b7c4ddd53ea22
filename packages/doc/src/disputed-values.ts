import type { Child, FieldValue } from "@roster/schema";
import type { Conflict } from "./edit-log-index";

const LINKS = [
  ["father", "fatherId"],
  ["mother", "motherId"],
  ["guardian", "guardianId"],
] as const;

/**
 * The values in dispute on each child: child id → field (`dob`, or `mother.pid` for a
 * conflict on the guardian a child links as mother) → the disagreeing values. Lists made
 * from it (the handover) can show a value in dispute as such, never as settled.
 */
export function disputedValuesByChild(
  children: readonly Child[],
  conflicts: readonly Conflict[],
): Map<string, Map<string, FieldValue[]>> {
  const out = new Map<string, Map<string, FieldValue[]>>();
  const add = (childId: string, field: string, conflict: Conflict) => {
    let fields = out.get(childId);
    if (fields === undefined) out.set(childId, (fields = new Map()));
    fields.set(field, conflict.values.map((v) => v.value));
  };
  const byGuardian = new Map<string, Conflict[]>();
  for (const conflict of conflicts) {
    if (conflict.kind === "child") add(conflict.id, conflict.field, conflict);
    else byGuardian.set(conflict.id, [...(byGuardian.get(conflict.id) ?? []), conflict]);
  }
  if (byGuardian.size === 0) return out;
  for (const child of children) {
    for (const [role, link] of LINKS) {
      const id = child[link];
      for (const conflict of id ? (byGuardian.get(id) ?? []) : []) add(child.id, `${role}.${conflict.field}`, conflict);
    }
  }
  return out;
}

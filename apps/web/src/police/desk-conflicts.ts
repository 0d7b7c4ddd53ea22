import type { Conflict, RosterRecords } from "@roster/doc";
import { VERIFIED_FIELDS } from "@roster/rules";
import type { Child } from "@roster/schema";

/** A conflict as the desk shows it: on the child or on a linked guardian, by role. */
export interface DeskConflict {
  /** The field as findings name it: `dob`, `mother.pid`. */
  readonly name: string;
  /** The guardian's role, when the conflict is on a linked guardian. */
  readonly role: "father" | "mother" | "guardian" | undefined;
  /** True when police verify this field: verification waits until it is settled. */
  readonly blocks: boolean;
  readonly conflict: Conflict;
}

const LINKS = [
  ["father", "fatherId"],
  ["mother", "motherId"],
  ["guardian", "guardianId"],
] as const;

/**
 * Every open conflict of `child` and of the guardians it links, the ones police verify
 * first. Read from the records document, so the guardians' conflicts are there too.
 */
export function deskConflicts(records: RosterRecords, child: Child): DeskConflict[] {
  const out: DeskConflict[] = records
    .conflictsOf("child", child.id)
    .map((conflict) => ({ name: conflict.field, role: undefined, blocks: VERIFIED_FIELDS.has(conflict.field), conflict }));
  for (const [role, link] of LINKS) {
    const id = child[link];
    if (!id) continue;
    for (const conflict of records.conflictsOf("guardian", id)) {
      const name = `${role}.${conflict.field}`;
      out.push({ name, role, blocks: VERIFIED_FIELDS.has(name), conflict });
    }
  }
  return out.sort((a, b) => Number(b.blocks) - Number(a.blocks));
}

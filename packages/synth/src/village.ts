import type { Child, Guardian } from "@roster/schema";
import { buildChild } from "./child-record";
import { drawHousehold } from "./household";
import { canDuplicate, plantDuplicate } from "./plant-duplicate";
import { plantProblems, type PlantedChild } from "./plant-problems";
import type { ProblemKind } from "./problems";
import type { VillageContext } from "./village-context";

/** A generated roster: children and the guardians they link. */
export interface GeneratedRoster {
  children: Child[];
  guardians: Guardian[];
}

/** A generated roster with what was planted, for tests and for checking the rules. */
export interface PlantedRoster extends GeneratedRoster {
  /** The planted problems of each child, by child id (empty for a clean record). */
  planted: ReadonlyMap<string, readonly ProblemKind[]>;
  /** Each planted duplicate and the record it copies. */
  duplicates: readonly { original: string; copy: string }[];
}

/**
 * Fills one village roster with exactly `count` children. Households come one after the
 * other; about `shares.duplicate` of the records are second entries of a child already
 * listed, placed at random positions (the same child entered by school and hamlet head).
 */
export function generateVillage(ctx: VillageContext, count: number): PlantedRoster {
  const { rng } = ctx;
  const guardians: Guardian[] = [];
  const originals: PlantedChild[] = [];

  const addHousehold = (room: number) => {
    const household = drawHousehold(ctx, room);
    for (const guardian of [household.father, household.mother, household.grandparent]) {
      if (guardian) guardians.push(guardian);
    }
    for (const seed of household.children) originals.push(plantProblems(ctx, household, buildChild(ctx, household, seed)));
  };

  const isDuplicateSlot: boolean[] = [];
  for (let i = 0; i < count; i++) isDuplicateSlot.push(i > 0 && rng.chance(ctx.shares.duplicate));
  const wanted = isDuplicateSlot.filter((d) => !d).length;
  while (originals.length < wanted) addHousehold(wanted - originals.length);

  // Second entries copy distinct originals, drawn at random among those that can be copied.
  const candidates = originals.map((_, i) => i).filter((i) => canDuplicate(originals[i] as PlantedChild));
  const copies: PlantedChild[] = [];
  const duplicates: { original: string; copy: string }[] = [];
  for (let slot = 0; slot < count; slot++) {
    if (!isDuplicateSlot[slot]) continue;
    let copy: PlantedChild | null = null;
    while (copy === null && candidates.length > 0) {
      const at = rng.int(0, candidates.length - 1);
      const original = originals[candidates[at] as number] as PlantedChild;
      // Swap-remove: order among candidates does not matter, and splice would be quadratic.
      candidates[at] = candidates[candidates.length - 1] as number;
      candidates.pop();
      copy = plantDuplicate(rng, original);
      if (copy) duplicates.push({ original: original.child.id, copy: copy.child.id });
    }
    if (copy) {
      copies.push(copy);
    } else {
      // Nothing left to copy (a tiny roster): the slot gets a child of its own.
      isDuplicateSlot[slot] = false;
      addHousehold(1);
    }
  }

  const ordered: PlantedChild[] = [];
  let nextOriginal = 0;
  let nextCopy = 0;
  for (let slot = 0; slot < count; slot++) {
    ordered.push((isDuplicateSlot[slot] ? copies[nextCopy++] : originals[nextOriginal++]) as PlantedChild);
  }

  const linked = new Set<string>();
  for (const { child } of ordered) {
    for (const id of [child.fatherId, child.motherId, child.guardianId]) if (id) linked.add(id);
  }
  return {
    children: ordered.map((p) => p.child),
    guardians: guardians.filter((g) => linked.has(g.id)),
    planted: new Map(ordered.map((p) => [p.child.id, p.problems])),
    duplicates,
  };
}

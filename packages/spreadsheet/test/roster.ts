// Test support: a synthetic roster in the shape the package takes (guardians by id).
import type { Child, Guardian } from "@roster/schema";
import { generateRoster, type RosterOptions } from "@roster/synth";

export interface Roster {
  children: Child[];
  guardians: Record<string, Guardian>;
}

/** `generateRoster` with its guardians indexed by id, as the rules and this package take them. */
export function synthRoster(options: RosterOptions): Roster {
  const { children, guardians } = generateRoster(options);
  return { children, guardians: Object.fromEntries(guardians.map((g) => [g.id, g])) };
}

import type { Role } from "@roster/schema";
import { generateRoster } from "@roster/synth";
import { recordsUpdate } from "../../../src/seed/seed-rosters";
import type { EditorAccount, RosterFixture } from "../../fanout/fixture";

/** A province's rosters: `total` children spread as evenly as whole numbers allow. */
export function makeProvinceRosters(count: number, total: number): RosterFixture[] {
  const base = Math.floor(total / count);
  const extra = total % count;
  return Array.from({ length: count }, (_, index) => {
    const generated = generateRoster({ seed: 20_000 + index, children: base + (index < extra ? 1 : 0) });
    // The clients find the children in their documents; the bench process keeps only the bytes.
    return { id: `tinh-thon-${index + 1}`, name: `Thôn ${index + 1}`, update: recordsUpdate(generated.children, generated.guardians), childIds: [] };
  });
}

/**
 * `count` editing accounts over the rosters: editor i edits roster i mod rosters (its hamlet
 * head first, then a commune-wide agency account), so the first rosters get two editors.
 */
export function makeProvinceEditors(rosters: number, count: number): EditorAccount[] {
  const roles: Role[] = ["hamlet", "school", "social", "police", "admin"];
  return Array.from({ length: count }, (_, i) => {
    const slot = Math.floor(i / rosters);
    return { username: `tinh-ed-${i + 1}`, role: roles[slot % roles.length] as Role, rosterIndex: i % rosters, slot };
  });
}

/** Editor i's instance: alternating, and a roster's second editor on the other instance than its first. */
export function instanceOf(editorIndex: number, rosters: number, instances: number): number {
  return (editorIndex + Math.floor(editorIndex / rosters)) % instances;
}

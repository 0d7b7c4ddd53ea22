import type { Child } from "@roster/schema";
import { swapDayMonth } from "./calendar";
import type { PlantedChild } from "./plant-problems";
import type { ProblemKind } from "./problems";
import { weighted, type Random } from "./random";
import { makeRecordId } from "./record-id";

/** How the second entry of a child differs from the first. */
export type DuplicateVariant = "spelling" | "swapped-date" | "same-pid";

const VARIANT = weighted<DuplicateVariant>([["spelling", 45], ["swapped-date", 30], ["same-pid", 25]]);

const I_TO_Y: Readonly<Record<string, string>> = { i: "y", í: "ý", ì: "ỳ", ỉ: "ỷ", ĩ: "ỹ", ị: "ỵ" };
const Y_TO_I: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(I_TO_Y).map(([i, y]) => [y, i]));

/**
 * A typing slip one edit away in the given name, of the kinds seen in handwritten lists
 * copied to Excel: i/y exchanged at the end ("Vy" → "Vi"), a final h or g dropped ("Linh" →
 * "Lin", "Trang" → "Tran"), or another letter dropped. Null when the name is too short.
 */
export function oneEditSpelling(rng: Random, fullName: string): string | null {
  const words = fullName.split(" ");
  const given = words.at(-1) ?? "";
  const letters = [...given];
  const last = letters.at(-1) ?? "";
  let slipped: string | null = null;
  if (I_TO_Y[last] !== undefined || Y_TO_I[last] !== undefined) {
    slipped = letters.slice(0, -1).join("") + (I_TO_Y[last] ?? Y_TO_I[last]);
  } else if ((last === "h" || last === "g") && letters.length >= 3) {
    slipped = letters.slice(0, -1).join("");
  } else if (letters.length >= 3) {
    const drop = rng.int(1, letters.length - 1);
    slipped = letters.filter((_, i) => i !== drop).join("");
  }
  return slipped === null ? null : [...words.slice(0, -1), slipped].join(" ");
}

/** Whether a child can be entered twice in a recognisable way (a clean name and a date of birth). */
export function canDuplicate(original: PlantedChild): boolean {
  return (
    original.child.dob != null &&
    !original.problems.some((p) => p.startsWith("name.") || p === "duplicate" || p === "dob.missing")
  );
}

/**
 * The same child entered a second time by another agency (the hamlet head, after the
 * school): a new id, no health-insurance number, no school, and either a one-edit slip in
 * the name, day and month of birth swapped (both without the ID number), or the same ID
 * number. Falls back to another variant when the drawn one cannot apply; null when none can.
 */
export function plantDuplicate(rng: Random, original: PlantedChild): PlantedChild | null {
  const source = original.child;
  const pidKinds: readonly ProblemKind[] = ["pid.missing", "pid.legacy_cmnd", "pid.lost_zero", "pid.wrong_gender"];
  const hasGoodPid = !original.problems.some((p) => pidKinds.includes(p)) && source.pid != null;
  const kept = original.problems.filter((p) => !pidKinds.includes(p));
  const base: Child = { ...source, id: makeRecordId(rng), bhyt: null, school: null, grade: null };

  const drawn = VARIANT(rng);
  const order: DuplicateVariant[] = [drawn, "spelling", "swapped-date", "same-pid"];
  for (const variant of order) {
    if (variant === "same-pid" && hasGoodPid) {
      return { child: base, problems: [...kept, "duplicate"] };
    }
    if (variant === "spelling") {
      const fullName = oneEditSpelling(rng, source.fullName ?? "");
      if (fullName !== null) return { child: { ...base, fullName, pid: null }, problems: [...kept, "pid.missing", "duplicate"] };
    }
    if (variant === "swapped-date") {
      const dob = swapDayMonth(source.dob ?? "");
      if (dob !== null) return { child: { ...base, dob, pid: null }, problems: [...kept, "pid.missing", "duplicate"] };
    }
  }
  return null;
}

// The value a list shows for one column target of one child: the child's own fields, or
// a field of the guardian linked in that role. Shared by every export.
import type { Child, Guardian } from "@roster/schema";
import { guardianTarget, type ChildColumnField, type ColumnTarget, type GuardianRoleName } from "./column-targets";
import { formatDate, formatEthnicity, formatGender, formatRepresentative, formatResidence } from "./format-values";

type TextField = Exclude<ChildColumnField, "gender" | "residenceType" | "representative">;

const LINK_OF = { father: "fatherId", mother: "motherId", guardian: "guardianId" } as const;
const DATE_FIELDS: ReadonlySet<string> = new Set(["dob", "birthRegisteredOn", "residenceRegisteredOn"]);

/** The guardian a child links in `role`, if the link resolves. */
export function linkedGuardianOf(child: Child, role: GuardianRoleName, guardians: Readonly<Record<string, Guardian>>): Guardian | undefined {
  const id = child[LINK_OF[role]];
  return id && Object.hasOwn(guardians, id) ? guardians[id] : undefined;
}

/** The representative's guardian record: the one of the representative's role, if linked. */
export function representativeOf(child: Child, guardians: Readonly<Record<string, Guardian>>): Guardian | undefined {
  return child.representative ? linkedGuardianOf(child, child.representative, guardians) : undefined;
}

/**
 * The text a list shows for `target` of `child`: dates day-first, gender, ethnicity,
 * residence and representative in words, everything else as stored ("" when empty).
 * `phone` is the representative's phone.
 */
export function valueFor(child: Child, target: ColumnTarget, guardians: Readonly<Record<string, Guardian>>): string {
  const guardian = guardianTarget(target);
  if (guardian !== null) {
    const record = linkedGuardianOf(child, guardian.role, guardians);
    const value = record?.[guardian.field];
    return guardian.field === "dob" ? formatDate(value) : (value ?? "");
  }
  switch (target) {
    case "gender": return formatGender(child.gender);
    case "ethnicity": return formatEthnicity(child.ethnicity);
    case "residenceType": return formatResidence(child.residenceType);
    case "representative": return formatRepresentative(child.representative);
    case "phone": return representativeOf(child, guardians)?.phone ?? "";
    case "index": case "genderFemaleMark": case "genderMaleMark": return "";
    default: {
      // The remaining targets are the child's text fields.
      const value = child[target as TextField];
      return DATE_FIELDS.has(target) ? formatDate(value) : (value ?? "");
    }
  }
}

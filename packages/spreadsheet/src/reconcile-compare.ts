// What police compare between a roster child and its row of the national extract: the
// child's identity and its parents' names and ID numbers, each in the form police read it
// (names normalised, ID numbers digits only). The extract is silent where it has no value;
// the roster is wrong where the extract has one and the roster differs or has none.
import type { Child, Guardian, GuardianFields, ReconcileDifference, ReconcileField } from "@roster/schema";
import { linkedGuardian, normalizeName, normalizePid } from "@roster/rules";
import type { ExtractPerson } from "./reconcile-extract";

type Value = string | null;

function text(value: unknown): Value {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function name(value: unknown): Value {
  const t = text(value);
  return t === null ? null : normalizeName(t);
}

function pid(value: unknown): Value {
  const t = text(value);
  return t === null ? null : normalizePid(t);
}

type Parent = "father" | "mother";

function parentOf(child: Child, role: Parent, guardians: Readonly<Record<string, Guardian>>): Guardian | undefined {
  return linkedGuardian(role === "father" ? child.fatherId : child.motherId, guardians as Record<string, Guardian>) ?? undefined;
}

/** The value of `field` on the roster's side, as police compare it. */
export function rosterValue(field: ReconcileField, child: Child, guardians: Readonly<Record<string, Guardian>>): Value {
  switch (field) {
    case "fullName":
      return name(child.fullName);
    case "pid":
      return pid(child.pid);
    case "dob":
    case "gender":
    case "ethnicity":
      return text(child[field]);
    case "father.fullName":
    case "mother.fullName":
      return name(parentOf(child, field === "father.fullName" ? "father" : "mother", guardians)?.fullName);
    case "father.pid":
    case "mother.pid":
      return pid(parentOf(child, field === "father.pid" ? "father" : "mother", guardians)?.pid);
  }
}

function parentField(person: ExtractPerson, role: Parent): GuardianFields | undefined {
  return role === "father" ? person.father : person.mother;
}

/** The value of `field` in the extract, as police compare it (null: the extract says nothing). */
export function nationalValue(field: ReconcileField, person: ExtractPerson): Value {
  switch (field) {
    case "fullName":
      return name(person.child.fullName);
    case "pid":
      return pid(person.child.pid);
    case "dob":
    case "gender":
    case "ethnicity":
      return text(person.child[field]);
    case "father.fullName":
    case "mother.fullName":
      return name(parentField(person, field === "father.fullName" ? "father" : "mother")?.fullName);
    case "father.pid":
    case "mother.pid":
      return pid(parentField(person, field === "father.pid" ? "father" : "mother")?.pid);
  }
}

export const COMPARED_FIELDS: readonly ReconcileField[] = [
  "fullName", "dob", "gender", "ethnicity", "pid", "father.fullName", "father.pid", "mother.fullName", "mother.pid",
];

/** The fields without which an extract row cannot confirm a child's identity. */
export const IDENTITY_FIELDS: readonly ReconcileField[] = ["fullName", "dob", "pid"];

/** Every compared field where the extract has a value and the roster's differs. */
export function differencesOf(person: ExtractPerson, child: Child, guardians: Readonly<Record<string, Guardian>>): ReconcileDifference[] {
  const differences: ReconcileDifference[] = [];
  for (const field of COMPARED_FIELDS) {
    const national = nationalValue(field, person);
    if (national === null) continue;
    const roster = rosterValue(field, child, guardians);
    if (roster !== national) differences.push({ field, roster, national });
  }
  return differences;
}

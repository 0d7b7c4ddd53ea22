// What police ticked on the reconcile screen, turned into writes against the roster as it
// is at the moment of applying (the file is matched again, so an edit made since the
// preview is seen): national values accepted field by field, VNeID levels following the
// extract, children added from extract rows, and the children whose identity now agrees
// with the extract entirely, which the caller may verify (after its own checks of error
// findings and open conflicts, which need the document).
import type {
  ChildFields,
  GuardianFields,
  LocalizedText,
  ReconcileDecisions,
  ReconcileField,
  ReconcileMatch,
  ReconcilePreview,
} from "@roster/schema";
import { IDENTITY_FIELDS, nationalValue } from "./reconcile-compare";
import type { ExtractPerson, ExtractRead } from "./reconcile-extract";
import { reconcileExtract, type ReconcileOptions, type ReconcileRoster } from "./reconcile-match";
import { RECONCILE_FIELD_WORDS, RECONCILE_MESSAGES } from "./reconcile-messages";

type Parent = "father" | "mother";

export interface ReconcileApplyPlan {
  /** The preview as of now (what the writes were planned against). */
  preview: ReconcilePreview;
  /** Child fields to set (accepted national values, VNeID levels). */
  childWrites: { childId: string; patch: ChildFields }[];
  /** Fields of guardians already linked to a child. */
  guardianWrites: { guardianId: string; patch: GuardianFields }[];
  /** Parents the extract names and the child has no record of yet: create and link. */
  guardianCreates: { childId: string; role: Parent; fields: GuardianFields }[];
  /** New children from rows of the extract (with their parents, when named). */
  additions: { row: number; child: ChildFields; father?: GuardianFields; mother?: GuardianFields }[];
  /** Children whose every compared field agrees with the extract once the writes are made. */
  verify: string[];
  /** Decisions not carried out, with why (`childId`, or `row:N` for a row). */
  refused: { childId: string; reason: LocalizedText }[];
}

function parentOf(field: ReconcileField): { role: Parent; key: "fullName" | "pid" } | null {
  const [role, key] = field.split(".") as [string, string | undefined];
  if (key === undefined) return null;
  return { role: role as Parent, key: key as "fullName" | "pid" };
}

/**
 * Plans `decisions` against `roster` as it is now: pure, it writes nothing. A child ticked
 * for verification is refused (with the fields) when any compared field still differs
 * after the accepted values, or when the extract lacks its name, date of birth or ID.
 */
export function planReconcileApply(
  extract: ExtractRead,
  roster: ReconcileRoster,
  decisions: ReconcileDecisions,
  options: ReconcileOptions,
): ReconcileApplyPlan {
  const preview = reconcileExtract(extract, roster, { ...options, confirmed: decisions.confirm });
  const people = new Map(extract.people.map((person) => [person.row, person]));
  const children = new Map(roster.children.map((child) => [child.id, child]));
  const matches = new Map<string, ReconcileMatch>(preview.matched.map((m) => [m.childId, m]));
  const plan: ReconcileApplyPlan = { preview, childWrites: [], guardianWrites: [], guardianCreates: [], additions: [], verify: [], refused: [] };
  for (const { childId } of decisions.confirm) {
    if (!matches.has(childId)) plan.refused.push({ childId, reason: RECONCILE_MESSAGES.confirmUnknown });
  }

  const childPatch = new Map<string, ChildFields>();
  const guardianPatch = new Map<string, GuardianFields>();
  const creates = new Map<string, { childId: string; role: Parent; fields: GuardianFields }>();
  const accepted = new Map<string, Set<ReconcileField>>();
  for (const { childId, field } of decisions.accept) {
    const match = matches.get(childId);
    const child = children.get(childId);
    const person = match ? people.get(match.row) : undefined;
    if (!match || !child || !person) {
      plan.refused.push({ childId, reason: RECONCILE_MESSAGES.notMatched });
      continue;
    }
    if (!match.differences.some((d) => d.field === field)) continue; // agrees already
    const value = nationalValue(field, person);
    (accepted.get(childId) ?? accepted.set(childId, new Set()).get(childId)!).add(field);
    const parent = parentOf(field);
    if (parent === null) {
      const patch = childPatch.get(childId) ?? {};
      (patch as Record<string, string | null>)[field] = value;
      childPatch.set(childId, patch);
      continue;
    }
    const linked = parent.role === "father" ? child.fatherId : child.motherId;
    if (linked && roster.guardians[linked]) {
      const patch = guardianPatch.get(linked) ?? {};
      patch[parent.key] = value;
      guardianPatch.set(linked, patch);
    } else {
      const key = `${childId}|${parent.role}`;
      const create = creates.get(key) ?? { childId, role: parent.role, fields: { gender: parent.role === "father" ? "male" : "female" } };
      create.fields[parent.key] = value;
      creates.set(key, create);
    }
  }

  // The level-2 campaign moves the day police upload: the extract's VNeID level wins.
  for (const match of preview.matched) {
    const child = children.get(match.childId);
    if (match.vneid === null || !child || child.vneid === match.vneid) continue;
    const patch = childPatch.get(match.childId) ?? {};
    patch.vneid = match.vneid;
    childPatch.set(match.childId, patch);
  }

  for (const childId of decisions.verify) {
    const match = matches.get(childId);
    const person = match ? people.get(match.row) : undefined;
    if (!match || !person) {
      plan.refused.push({ childId, reason: RECONCILE_MESSAGES.notMatched });
      continue;
    }
    const missing = IDENTITY_FIELDS.filter((field) => nationalValue(field, person) === null);
    if (missing.length > 0) {
      plan.refused.push({ childId, reason: RECONCILE_MESSAGES.extractLacks(missing.map((f) => RECONCILE_FIELD_WORDS[f])) });
      continue;
    }
    const open = match.differences.filter((d) => !accepted.get(childId)?.has(d.field));
    if (open.length > 0) {
      plan.refused.push({ childId, reason: RECONCILE_MESSAGES.differs(open.map((d) => RECONCILE_FIELD_WORDS[d.field])) });
      continue;
    }
    plan.verify.push(childId);
  }

  const addable = new Set(preview.extractOnly.map((entry) => entry.row));
  for (const row of decisions.add) {
    const person = people.get(row);
    if (!person || !addable.has(row)) {
      plan.refused.push({ childId: `row:${row}`, reason: RECONCILE_MESSAGES.rowNotAddable });
      continue;
    }
    plan.additions.push(additionOf(person));
  }

  plan.childWrites = [...childPatch].map(([childId, patch]) => ({ childId, patch }));
  plan.guardianWrites = [...guardianPatch].map(([guardianId, patch]) => ({ guardianId, patch }));
  plan.guardianCreates = [...creates.values()];
  return plan;
}

function additionOf(person: ExtractPerson): ReconcileApplyPlan["additions"][number] {
  const addition: ReconcileApplyPlan["additions"][number] = { row: person.row, child: { ...person.child } };
  if (person.father) addition.father = { ...person.father };
  if (person.mother) addition.mother = { ...person.mother };
  return addition;
}

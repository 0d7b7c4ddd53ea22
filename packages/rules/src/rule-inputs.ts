import { CHILD_FIELDS, type ChildField } from "@roster/schema";

/**
 * The child fields that neither `evaluate`, the fingerprint nor the duplicate search
 * reads: a change of only these leaves a child's evaluation, fingerprint and duplicate
 * pairs as they were, so an incremental evaluation need not run the rules again (a note
 * typed on a phone is the most common edit there is). Listed as the fields left out rather
 * than those read, so that a field added to the schema counts as read until someone
 * checks. `rule-inputs.test.ts` holds every rule to this list.
 */
export const CHILD_FIELDS_RULES_IGNORE: ReadonlySet<ChildField> = new Set<ChildField>([
  "address", "village", "school", "grade", "guardianRelation", "idCard", "vneid", "healthBook", "appointment", "note",
  "removedReason",
]);

/** The child fields some rule, the fingerprint or the duplicate search reads. */
export const CHILD_RULE_INPUTS: readonly ChildField[] = CHILD_FIELDS.filter((field) => !CHILD_FIELDS_RULES_IGNORE.has(field));

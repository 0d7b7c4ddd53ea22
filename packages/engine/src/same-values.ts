import { CHILD_RULE_INPUTS } from "@roster/rules";
import type { Child } from "@roster/schema";

/** Same fields with the same values (records hold only strings, booleans and null). */
export function sameRecord<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

/** The same conflicting fields, in the same order (`conflictFieldsByChild` gives a stable order). */
export function sameFields(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((field, i) => field === b[i]);
}

/**
 * Both children hold the same values in every field a rule, the fingerprint or the
 * duplicate search reads (`CHILD_RULE_INPUTS`); false when either is missing.
 */
export function sameRuleInputs(a: Child | undefined, b: Child | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  for (const field of CHILD_RULE_INPUTS) if (a[field] !== b[field]) return false;
  return true;
}

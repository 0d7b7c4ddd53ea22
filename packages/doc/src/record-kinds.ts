import { CHILD_FIELDS, ChildFieldsSchema, GUARDIAN_FIELDS, GuardianFieldsSchema } from "@roster/schema";
import type { ChildField, FieldValue, GuardianField, RecordKind } from "@roster/schema";
import { InvalidFieldError } from "./errors";
import type { RecordMap } from "./layout";

/** How an edit-log entry names the kind of record it edits (one letter keeps entries small). */
export type KindCode = "c" | "g";

/** Anything with zod's `safeParse`: the per-field schemas of @roster/schema. */
interface FieldCheck {
  safeParse(value: unknown): { success: boolean };
}

/** What the document layer needs to know about one kind of record. */
export interface KindSpec<F extends string> {
  readonly kind: RecordKind;
  readonly code: KindCode;
  readonly fields: ReadonlySet<string>;
  readonly checks: Readonly<Record<F, FieldCheck>>;
  /** The fields whose schema accepts null (asked of the schema once, not assumed). */
  readonly nullable: ReadonlySet<string>;
}

function kindSpec<F extends string>(kind: RecordKind, code: KindCode, fields: readonly F[], checks: Readonly<Record<F, FieldCheck>>): KindSpec<F> {
  // Reading a record checks every stored value, and most fields of a record being filled
  // in are empty: a null is answered without running the schema each time.
  const nullable = new Set<string>(fields.filter((field) => checks[field].safeParse(null).success));
  return { kind, code, fields: new Set(fields), checks, nullable };
}

export const CHILD_KIND: KindSpec<ChildField> = kindSpec("child", "c", CHILD_FIELDS, ChildFieldsSchema.shape);

export const GUARDIAN_KIND: KindSpec<GuardianField> = kindSpec("guardian", "g", GUARDIAN_FIELDS, GuardianFieldsSchema.shape);

/** The spec of a kind named by its log code. */
export function kindOfCode(code: KindCode): KindSpec<ChildField> | KindSpec<GuardianField> {
  return code === "c" ? CHILD_KIND : GUARDIAN_KIND;
}

/** A stored value that fails its field's schema (outside clients may write anything). */
export interface InvalidValue {
  readonly field: string;
  readonly value: unknown;
}

/** Whether `field` is a field of this kind and `value` passes its schema. */
export function isValidValue<F extends string>(spec: KindSpec<F>, field: string, value: unknown): boolean {
  if (!spec.fields.has(field)) return false;
  return value === null ? spec.nullable.has(field) : spec.checks[field as F].safeParse(value).success;
}

/**
 * The defined entries of a patch, each checked against its field's schema. Throws
 * {@link InvalidFieldError} on the first unknown field or refused value, before anything
 * is written, so a bad patch never half-applies.
 */
export function validatePatch<F extends string>(spec: KindSpec<F>, patch: object): Array<[F, FieldValue]> {
  const checked: Array<[F, FieldValue]> = [];
  for (const [field, value] of Object.entries(patch) as Array<[string, unknown]>) {
    if (value === undefined) continue;
    if (!spec.fields.has(field)) throw new InvalidFieldError(spec.kind, field, value, "unknown-field");
    if (!isValidValue(spec, field, value)) throw new InvalidFieldError(spec.kind, field, value, "invalid-value");
    checked.push([field as F, value as FieldValue]);
  }
  return checked;
}

/**
 * The known fields of a stored record split into values that pass their schema and
 * values that do not. Keys this kind does not know are ignored, as DESIGN.md asks of
 * every client.
 */
export function readRecordMap<F extends string>(
  spec: KindSpec<F>,
  map: RecordMap,
): { values: Partial<Record<F, FieldValue>>; invalid: InvalidValue[] } {
  const values: Partial<Record<F, FieldValue>> = {};
  const invalid: InvalidValue[] = [];
  // forEach rather than entries(): no iterator objects, on the path of every record read.
  map.forEach((value, field) => {
    if (!spec.fields.has(field)) return;
    if (isValidValue(spec, field, value)) values[field as F] = value as FieldValue;
    else invalid.push({ field, value });
  });
  return { values, invalid };
}

import {
  CHILD_DATE_FIELDS,
  CHILD_FIELDS,
  ChildFieldsSchema,
  GUARDIAN_DATE_FIELDS,
  GUARDIAN_FIELDS,
  GuardianFieldsSchema,
  MAX_TEXT_LENGTH,
  type RecordKind,
} from "@roster/schema";

/** A date field's only shape (empty also allowed): whether the date exists is the rules' business. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

interface KindRules {
  known: ReadonlySet<string>;
  /** Fields that hold `true`/`false`, read from the one schema (no list to keep in step). */
  booleans: ReadonlySet<string>;
  dates: ReadonlySet<string>;
}

function rulesOf(fields: readonly string[], shape: Record<string, { safeParse(v: unknown): { success: boolean } }>, dates: readonly string[]): KindRules {
  return {
    known: new Set(fields),
    booleans: new Set(fields.filter((field) => shape[field]?.safeParse(true).success)),
    dates: new Set(dates),
  };
}

const RULES: Record<RecordKind, KindRules> = {
  child: rulesOf(CHILD_FIELDS, ChildFieldsSchema.shape, CHILD_DATE_FIELDS),
  guardian: rulesOf(GUARDIAN_FIELDS, GuardianFieldsSchema.shape, GUARDIAN_DATE_FIELDS),
};

/**
 * Whether the server stores `value` in `field` of a record (DESIGN.md "the server guard"):
 * a string, a boolean or null, of the field's type; text at most `MAX_TEXT_LENGTH`
 * characters; a date `YYYY-MM-DD` or empty. Keys the schema does not know (outside
 * clients may add some) take any such primitive. Data quality (a wrong ID number, an
 * unknown ethnic code) is the rules' business, not this.
 */
export function isStorableValue(kind: RecordKind, field: string, value: unknown): boolean {
  if (value === null) return true;
  const rules = RULES[kind];
  if (typeof value === "boolean") return rules.booleans.has(field) || !rules.known.has(field);
  if (typeof value !== "string" || value.length > MAX_TEXT_LENGTH) return false;
  if (rules.booleans.has(field)) return false;
  if (rules.dates.has(field)) return value === "" || DATE_SHAPE.test(value);
  return true;
}

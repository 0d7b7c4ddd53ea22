import type { FieldValue, RecordKind } from "@roster/schema";
import * as Y from "yjs";

/**
 * One thing the guard put right in a client's update, for the audit: `attempted` is what
 * the client wrote (null for a deletion; other values as short text), `restored` what the
 * server wrote back (`"record"` for a whole record put back).
 */
export interface Repair {
  kind: RecordKind;
  /** The child or guardian id. */
  id: string;
  /** The field, `*` for the whole record, `<field>:author` for an edit-log author. */
  field: string;
  attempted: FieldValue;
  restored: FieldValue;
}

/** How much of a refused value the audit keeps: enough to recognise it, never 100 kB. */
const SHOWN_CHARACTERS = 120;

/** A value a client wrote, as the audit shows it (short, and always a string, boolean or null). */
export function describeValue(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    return value.length <= SHOWN_CHARACTERS ? value : `${value.slice(0, SHOWN_CHARACTERS)}… (${value.length} ký tự / characters)`;
  }
  if (value instanceof Y.AbstractType) return `<${value.constructor.name}>`;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return describeValue(text);
}

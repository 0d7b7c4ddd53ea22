import type { FieldValue } from "@roster/schema";
import { kindOfCode } from "./record-kinds";
import type { KindCode } from "./record-kinds";

/**
 * One write of one field of an existing record, as the `edits` log stores it. Keys are
 * one letter because every edit adds an entry and Yjs stores the key names each time.
 */
export interface EditEntry {
  /** Entry id `<clientID>.<clock>` (base 36): the Yjs position of the item holding this entry. */
  readonly i: string;
  /** Kind of record: `c` child, `g` guardian. */
  readonly k: KindCode;
  /** Record id. */
  readonly r: string;
  /** Field name. */
  readonly f: string;
  /** The value written. */
  readonly v: FieldValue;
  /** Actor (user) id of the writer. */
  readonly a: string;
  /** Actor display name, so a conflict can say who typed each value. */
  readonly n: string;
  /** ISO time of the write on the writer's clock (for display only, never for ordering). */
  readonly t: string;
  /** Ids of the entries of the same field that the writer had as heads: the values it replaced. */
  readonly p: readonly string[];
}

function isFieldValue(value: unknown): value is FieldValue {
  return value === null || typeof value === "string" || typeof value === "boolean";
}

/**
 * The entry stored in a log slot, or undefined when the slot holds something else (the
 * log is writable by any client, so it is read defensively; malformed slots are ignored).
 */
export function readEditEntry(raw: unknown): EditEntry | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const e = raw as Record<string, unknown>;
  const ok =
    typeof e.i === "string" &&
    (e.k === "c" || e.k === "g") &&
    typeof e.r === "string" &&
    typeof e.f === "string" &&
    kindOfCode(e.k).fields.has(e.f) &&
    isFieldValue(e.v) &&
    typeof e.a === "string" &&
    typeof e.n === "string" &&
    typeof e.t === "string" &&
    Array.isArray(e.p) &&
    e.p.every((id) => typeof id === "string");
  return ok ? (e as unknown as EditEntry) : undefined;
}

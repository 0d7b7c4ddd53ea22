// One order for the findings of a record, so that the server's marks, the API and the
// screens list them the same way every time: by field in the order of the form, then
// by code.
import { CHILD_FIELDS, type Finding } from "@roster/schema";

// A linked guardian's findings sit right after the link field that names them.
const GUARDIAN_SUBFIELDS = ["fullName", "dob", "pid", "vneid"] as const;
const LINK_ROLES: Readonly<Record<string, string>> = { fatherId: "father", motherId: "mother", guardianId: "guardian" };

function buildFieldRank(): ReadonlyMap<string, number> {
  const order: string[] = [];
  for (const field of CHILD_FIELDS) {
    order.push(field);
    const role = LINK_ROLES[field];
    if (role) for (const sub of GUARDIAN_SUBFIELDS) order.push(`${role}.${sub}`);
  }
  return new Map(order.map((field, rank) => [field, rank]));
}

const FIELD_RANK = buildFieldRank();
const UNKNOWN_RANK = FIELD_RANK.size;
// Not a field of the record: the stamp of police verification comes after all of them.
const VERIFICATION_RANK = UNKNOWN_RANK + 1;

function rankOf(field: string): number {
  return FIELD_RANK.get(field) ?? (field === "verification" ? VERIFICATION_RANK : UNKNOWN_RANK);
}

/** Orders findings by field (form order, then unknown fields by name, then
 * `verification`), then by code. */
export function compareFindings(a: Finding, b: Finding): number {
  const byRank = rankOf(a.field) - rankOf(b.field);
  if (byRank !== 0) return byRank;
  // Plain code-unit comparison: deterministic in every runtime, unlike localeCompare.
  if (a.field !== b.field) return a.field < b.field ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return 0;
}

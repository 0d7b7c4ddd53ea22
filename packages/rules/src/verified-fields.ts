// Which fields police verify: exactly those the fingerprint covers (fingerprint.ts). A
// value in dispute on one of them must be settled before anyone signs it.
import type { Finding } from "@roster/schema";

/** Fields of the child that police compare with the national database (and the links
 * naming which guardian's name and ID number they compare). */
export const VERIFIED_CHILD_FIELDS: readonly string[] = Object.freeze([
  "fullName", "dob", "gender", "ethnicity", "pid", "residenceType", "residenceRegisteredOn",
  "birthRegisteredOn", "representative", "fatherId", "motherId", "guardianId",
]);

/** Fields of a linked guardian that police compare. */
export const VERIFIED_GUARDIAN_FIELDS: readonly string[] = Object.freeze(["fullName", "pid"]);

const ROLES = new Set(["father", "mother", "guardian"]);
const CHILD = new Set(VERIFIED_CHILD_FIELDS);
const GUARDIAN = new Set(VERIFIED_GUARDIAN_FIELDS);

/**
 * Whether police verify `field`, named as findings name it: a child field (`dob`) or a
 * linked guardian's field under its role (`mother.pid`).
 */
export function isVerifiedField(field: string): boolean {
  const dot = field.indexOf(".");
  if (dot < 0) return CHILD.has(field);
  return ROLES.has(field.slice(0, dot)) && GUARDIAN.has(field.slice(dot + 1));
}

/** The fields of `conflict.field` findings that police verify, in finding order. */
export function disputedVerifiedFields(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.code === "conflict.field" && isVerifiedField(f.field)).map((f) => f.field);
}

/** Why police may not verify a record with these findings: `errors`, an open `conflict`
 * on a field they verify, or null when they may (the verify endpoint answers 409 otherwise). */
export type VerifyRefusal = "errors" | "conflict";

/** See {@link VerifyRefusal}. A dispute comes first: settling it may be what clears an error too. */
export function verifyRefusal(findings: readonly Finding[]): VerifyRefusal | null {
  if (disputedVerifiedFields(findings).length > 0) return "conflict";
  if (findings.some((f) => f.severity === "error")) return "errors";
  return null;
}

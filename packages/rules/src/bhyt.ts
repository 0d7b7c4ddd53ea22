// The health-insurance card number (số thẻ BHYT), DOMAIN.md "Health book and health
// insurance": either the 10-digit social-insurance number printed since 2021, or the
// older 15 characters: beneficiary code (2 letters), benefit level (1 digit), issuer
// (2 digits), social-insurance number (10 digits).
import type { Finding } from "@roster/schema";
import { BHYT_BENEFICIARY_CODES, type BhytBeneficiaryCode } from "./data";
import { finding } from "./findings";

export { BHYT_BENEFICIARY_CODES, type BhytBeneficiaryCode };

// A frozen null-prototype record: immutable, and no inherited key ("__proto__",
// "toString") answers a lookup.
const BENEFICIARY_BY_CODE: Readonly<Record<string, BhytBeneficiaryCode>> = (() => {
  const index = Object.create(null) as Record<string, BhytBeneficiaryCode>;
  for (const row of BHYT_BENEFICIARY_CODES) index[row.code] = row;
  return Object.freeze(index);
})();

// Issuer codes of the 15-character card: the armed forces have their own funds.
const ISSUER_DEFENCE = "97";
const ISSUER_POLICE = "98";

/** Who issued a 15-character card: Vietnam Social Security, the People's Police or the Ministry of Defence. */
export type BhytIssuerKind = "vss" | "police" | "defence";

/** The parts of a card number that has one of the two shapes (not yet judged valid). */
export type ParsedBhyt =
  | { kind: "ssn10"; ssn: string }
  | { kind: "card15"; prefix: string; benefitLevel: number; issuer: string; issuerKind: BhytIssuerKind; ssn: string };

const SSN10 = /^\d{10}$/;
const CARD15 = /^[A-Z]{2}\d{13}$/;
const SEPARATORS = /[\s.\-\u2010-\u2013\u2212]/g;

/** Trims, removes the spaces, dots and hyphens typed inside, and upper-cases. */
export function normalizeBhyt(raw: string): string {
  return raw.replace(SEPARATORS, "").toUpperCase();
}

// A number typed in either shape is already normal: no separator, no small letter.
function normalizedBhyt(no: string | null | undefined): string {
  return typeof no === "string" && (SSN10.test(no) || CARD15.test(no)) ? no : normalizeBhyt(no ?? "");
}

/** The beneficiary code's row (`"HS"` → pupil, usual level 4), if it is one of the 43. */
export function findBhytBeneficiary(code: string): BhytBeneficiaryCode | undefined {
  return BENEFICIARY_BY_CODE[code];
}

/** Whether `code` is one of the 43 beneficiary codes of the 15-character card. */
export function isBhytBeneficiaryCode(code: string): boolean {
  return findBhytBeneficiary(code) !== undefined;
}

/**
 * Splits a card number (normalised first) into its parts when it has one of the two
 * shapes: 10 digits, or 2 letters + 13 digits. Only the shape is checked here: an unknown
 * prefix or a level of 9 still parses; `checkBhyt` judges the parts. Null otherwise.
 */
export function parseBhyt(no: string): ParsedBhyt | null {
  return parseNormalized(normalizeBhyt(no));
}

// `checkBhyt` has normalised already; normalising twice was half the cost of the check.
function parseNormalized(n: string): ParsedBhyt | null {
  if (SSN10.test(n)) return { kind: "ssn10", ssn: n };
  if (!CARD15.test(n)) return null;
  const issuer = n.slice(3, 5);
  const issuerKind: BhytIssuerKind =
    issuer === ISSUER_DEFENCE ? "defence" : issuer === ISSUER_POLICE ? "police" : "vss";
  return { kind: "card15", prefix: n.slice(0, 2), benefitLevel: Number(n[2]), issuer, issuerKind, ssn: n.slice(5) };
}

/**
 * Checks a health-insurance card number. The card is optional, so an empty value gives no
 * finding. 10 digits are fine; 15 characters must be 2 letters + 13 digits, else (or at any
 * other length) `bhyt.format`. A 15-character card then gets every one of `bhyt.prefix`
 * (not one of the 43 codes), `bhyt.benefit_level` (not 1–5) and `bhyt.issuer` (`00`) that fails.
 */
export function checkBhyt(no: string | null | undefined, options: { field?: string } = {}): Finding[] {
  const field = options.field ?? "bhyt";
  const n = normalizedBhyt(no);
  if (n === "") return [];
  const parsed = parseNormalized(n);
  if (!parsed) return [finding("bhyt.format", field)];
  if (parsed.kind === "ssn10") return [];

  const findings: Finding[] = [];
  if (!isBhytBeneficiaryCode(parsed.prefix)) findings.push(finding("bhyt.prefix", field));
  if (parsed.benefitLevel < 1 || parsed.benefitLevel > 5) findings.push(finding("bhyt.benefit_level", field));
  // Two digits are always 00–99; only 00 names no issuer (01–96 VSS offices, 97, 98, 99).
  if (parsed.issuer === "00") findings.push(finding("bhyt.issuer", field));
  return findings;
}

/**
 * The part of a card number that identifies the person: its last 10 characters (the
 * social-insurance number) when it has one of the two shapes; two cards with the same key
 * are the same person. Null when it has neither shape.
 */
export function bhytPersonKey(no: string | null | undefined): string | null {
  // The duplicate finder asks for every child's key: no parts object, no normalising of
  // a number already typed in shape.
  const n = normalizedBhyt(no);
  if (SSN10.test(n)) return n;
  return CARD15.test(n) ? n.slice(5) : null;
}

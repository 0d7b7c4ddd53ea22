import { BHYT_BENEFICIARY_CODES } from "@roster/rules";
import type { Random } from "./random";

function benefitLevel(code: string): number {
  const row = BHYT_BENEFICIARY_CODES.find((r) => r.code === code);
  if (!row) throw new RangeError(`unknown beneficiary code ${code}`);
  return row.benefitLevel;
}

// TE: children under 6 (free card); HS: pupils (bought through the school).
const TE_LEVEL = benefitLevel("TE");
const HS_LEVEL = benefitLevel("HS");

/**
 * A health-insurance number for a child. The 10-digit social-insurance number opens with
 * the issuing province's two digits; older cards print 15 characters: beneficiary code
 * (TE under 6, HS for pupils), benefit level, issuer, then the same 10 digits. The 10
 * digits are unique in `used` (two cards with the same 10 are the same person).
 */
export function makeBhyt(
  rng: Random,
  used: Set<string>,
  card: { issuer: string; age: number; long: boolean },
): string {
  let ssn: string;
  do ssn = card.issuer + rng.digits(8);
  while (used.has(ssn));
  used.add(ssn);
  if (!card.long) return ssn;
  return card.age < 6 ? `TE${TE_LEVEL}${card.issuer}${ssn}` : `HS${HS_LEVEL}${card.issuer}${ssn}`;
}

// Residence registration of a child: Decree 154/2024 Art. 7(2) gives 60 days from the
// birth registration (DOMAIN.md "Residence registration").
import type { Child, Finding } from "@roster/schema";
import { daysBetween } from "./dates";
import { finding } from "./findings";
import { hasText } from "./has-text";

/** Days allowed between birth registration and residence registration. */
export const RESIDENCE_DEADLINE_DAYS = 60;

/**
 * Checks the residence of `child` as of `asOf` (`YYYY-MM-DD`):
 * - `residence.missing` (field `residenceType`) when no residence type is set;
 * - `residence.overdue` (field `residenceType`) when it is `none` and the birth was
 *   registered more than 60 days before `asOf` (day 60 itself is still in time);
 * - `residence.late` (warning, field `residenceRegisteredOn`) when a residence was
 *   registered more than 60 days after the birth registration.
 *
 * A missing or invalid registration date yields nothing here: there is no finding code
 * for these dates, lateness cannot be shown without both, and blocking a child on a date
 * the national database already holds (police read it there when verifying) would add
 * work in the field without making the record more correct.
 */
export function checkResidence(child: Child, asOf: string): Finding[] {
  const type = child.residenceType;
  if (!hasText(type)) return [finding("residence.missing", "residenceType")];

  const birthRegisteredOn = child.birthRegisteredOn;
  if (!hasText(birthRegisteredOn)) return [];

  if (type === "none") {
    const waited = daysBetween(birthRegisteredOn, asOf);
    return waited !== null && waited > RESIDENCE_DEADLINE_DAYS ? [finding("residence.overdue", "residenceType")] : [];
  }

  const registeredOn = child.residenceRegisteredOn;
  if (!hasText(registeredOn)) return [];
  const delay = daysBetween(birthRegisteredOn, registeredOn);
  return delay !== null && delay > RESIDENCE_DEADLINE_DAYS ? [finding("residence.late", "residenceRegisteredOn")] : [];
}

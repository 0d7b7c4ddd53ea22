// The father, mother and legal guardian of a child: who is linked, who represents the
// child, and whether each linked person's own record would pass police verification.
import type { Child, Finding, Gender, Guardian } from "@roster/schema";
import { ageAt } from "./dates";
import { finding, type GuardianRole } from "./findings";
import { hasText } from "./has-text";
import { checkName } from "./names";
import { checkPid, normalizePid } from "./pid";

/** The link field of a child for each guardian role. */
export const GUARDIAN_LINKS = [
  { role: "father", link: "fatherId" },
  { role: "mother", link: "motherId" },
  { role: "guardian", link: "guardianId" },
] as const satisfies readonly { role: GuardianRole; link: keyof Child }[];

const ADULT_AGE = 18;

// Field names and option objects per role, built once: checkGuardians runs for every
// child of a city-wide roster on each evaluation.
function roleFields(role: GuardianRole) {
  return {
    name: { codePrefix: "guardian.", field: `${role}.fullName`, who: role },
    pid: { codePrefix: "guardian.", field: `${role}.pid`, who: role },
    dob: `${role}.dob`,
    vneid: `${role}.vneid`,
  } as const;
}
const FIELDS_OF_ROLE = {
  father: roleFields("father"),
  mother: roleFields("mother"),
  guardian: roleFields("guardian"),
} as const;

// A father is a man and a mother a woman: when the guardian's own gender is not filled
// in, the role still lets digit 4 of the ID number be checked.
const GENDER_OF_ROLE: Readonly<Record<GuardianRole, Gender | undefined>> = {
  father: "male",
  mother: "female",
  guardian: undefined,
};

/**
 * The guardian a child's link points at: `undefined` when the link is empty, `null`
 * when it names an id that is not in `guardians` (a broken link).
 */
export function linkedGuardian(
  id: string | null | undefined,
  guardians: Record<string, Guardian>,
): Guardian | null | undefined {
  if (!hasText(id)) return undefined;
  // Own keys only: an id such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(guardians, id) ? (guardians[id] ?? null) : null;
}

/**
 * Checks the guardians of `child` as of `asOf` (`YYYY-MM-DD`):
 * - `guardian.missing` (field `guardianId`) when no father, mother nor guardian is linked;
 * - `guardian.link_broken` (the link field) for a link to an id absent from `guardians`;
 * - `guardian.representative` (field `representative`) when the representative is unset
 *   or its role's link is empty or broken;
 * - for every linked guardian: `guardian.name.*` on `<role>.fullName`,
 *   `guardian.underage` on `<role>.dob` (valid date of birth, under 18 at `asOf`), and
 *   `guardian.pid.*` on `<role>.pid` against the guardian's own date of birth and gender
 *   (the role's gender when unset);
 * - `guardian.pid.missing` only for the representative: the representative is the one who
 *   brings the ID card, and an absent father's missing number must not block the child.
 *   Other guardians' numbers are checked only when one is entered;
 * - `guardian.no_level2` (warning, `<role>.vneid`) when the representative has no level-2
 *   VNeID account, since the child's account is requested through it.
 */
export function checkGuardians(child: Child, guardians: Record<string, Guardian>, asOf: string): Finding[] {
  const findings: Finding[] = [];
  const representative = child.representative;
  let anyLink = false;
  let representativeFound = false;

  for (const { role, link } of GUARDIAN_LINKS) {
    const id = child[link];
    if (!hasText(id)) continue;
    anyLink = true;
    const guardian = linkedGuardian(id, guardians);
    if (!guardian) {
      findings.push(finding("guardian.link_broken", link, role));
      continue;
    }
    const isRepresentative = role === representative;
    if (isRepresentative) representativeFound = true;
    checkOneGuardian(guardian, role, isRepresentative, asOf, findings);
  }

  if (!anyLink) findings.push(finding("guardian.missing", "guardianId"));
  if (!representativeFound) findings.push(finding("guardian.representative", "representative"));
  return findings;
}

function checkOneGuardian(
  guardian: Guardian,
  role: GuardianRole,
  isRepresentative: boolean,
  asOf: string,
  findings: Finding[],
): void {
  const fields = FIELDS_OF_ROLE[role];
  for (const f of checkName(guardian.fullName, fields.name)) findings.push(f);

  const dob = guardian.dob;
  if (hasText(dob)) {
    const age = ageAt(dob, asOf);
    if (age !== null && age < ADULT_AGE) findings.push(finding("guardian.underage", fields.dob, role));
  }

  const pid = guardian.pid;
  if (isRepresentative || (hasText(pid) && normalizePid(pid) !== "")) {
    const person = { dob, gender: guardian.gender ?? GENDER_OF_ROLE[role] };
    for (const f of checkPid(pid, person, fields.pid)) findings.push(f);
  }

  if (isRepresentative && guardian.vneid !== "level2") {
    findings.push(finding("guardian.no_level2", fields.vneid, role));
  }
}

// The father, mother and legal guardian of a child: who is linked, who represents the
// child, and whether each linked person's own record would pass police verification.
import type { Child, Finding, Gender, Guardian } from "@roster/schema";
import { ageAt } from "./dates";
import { finding, type GuardianRole } from "./findings";
import { hasText } from "./has-text";
import { checkName, type CheckNameOptions } from "./names";
import { checkPid, normalizePid, type CheckPidOptions } from "./pid";

/** The link field of a child for each guardian role. */
export const GUARDIAN_LINKS = [
  { role: "father", link: "fatherId" },
  { role: "mother", link: "motherId" },
  { role: "guardian", link: "guardianId" },
] as const satisfies readonly { role: GuardianRole; link: keyof Child }[];

const ADULT_AGE = 18;

// Everything a role needs, built once: checkGuardians runs for every child of a
// city-wide roster on each evaluation. A father is a man and a mother a woman: when the
// guardian's own gender is not filled in, the role still lets digit 4 of the ID number
// be checked.
interface RoleSpec {
  readonly role: GuardianRole;
  readonly link: "fatherId" | "motherId" | "guardianId";
  readonly name: CheckNameOptions;
  readonly pid: CheckPidOptions;
  readonly dob: string;
  readonly vneid: string;
  readonly gender: Gender | undefined;
}

function roleSpec(role: GuardianRole, link: RoleSpec["link"], gender: Gender | undefined): RoleSpec {
  return {
    role,
    link,
    name: { codePrefix: "guardian.", field: `${role}.fullName`, who: role },
    pid: { codePrefix: "guardian.", field: `${role}.pid`, who: role },
    dob: `${role}.dob`,
    vneid: `${role}.vneid`,
    gender,
  };
}
const FATHER = roleSpec("father", "fatherId", "male");
const MOTHER = roleSpec("mother", "motherId", "female");
const GUARDIAN = roleSpec("guardian", "guardianId", undefined);

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
  // One call per link, each reading its field by name: looking the three fields up by a
  // variable key cost more than the checks themselves.
  const father = checkLink(child.fatherId, FATHER, representative, guardians, asOf, findings);
  const mother = checkLink(child.motherId, MOTHER, representative, guardians, asOf, findings);
  const guardian = checkLink(child.guardianId, GUARDIAN, representative, guardians, asOf, findings);

  if (father === NO_LINK && mother === NO_LINK && guardian === NO_LINK) {
    findings.push(finding("guardian.missing", "guardianId"));
  }
  if (father !== REPRESENTATIVE && mother !== REPRESENTATIVE && guardian !== REPRESENTATIVE) {
    findings.push(finding("guardian.representative", "representative"));
  }
  return findings;
}

// What one link field turned out to be.
const NO_LINK = 0;
const LINKED = 1;
const REPRESENTATIVE = 2;
type LinkState = typeof NO_LINK | typeof LINKED | typeof REPRESENTATIVE;

function checkLink(
  id: string | null | undefined,
  spec: RoleSpec,
  representative: Child["representative"],
  guardians: Record<string, Guardian>,
  asOf: string,
  findings: Finding[],
): LinkState {
  if (!hasText(id)) return NO_LINK;
  const guardian = linkedGuardian(id, guardians);
  if (!guardian) {
    findings.push(finding("guardian.link_broken", spec.link, spec.role));
    return LINKED;
  }
  const isRepresentative = spec.role === representative;
  checkOneGuardian(guardian, spec, isRepresentative, asOf, findings);
  return isRepresentative ? REPRESENTATIVE : LINKED;
}

// Whether a filled-in ID number is more than separators ("-" is a spreadsheet's "none").
// A leading digit, the usual case, settles it without normalising.
function isEntered(pid: string): boolean {
  const first = pid.charCodeAt(0);
  return (first >= 0x30 && first <= 0x39) || normalizePid(pid) !== "";
}

function checkOneGuardian(
  guardian: Guardian,
  spec: RoleSpec,
  isRepresentative: boolean,
  asOf: string,
  findings: Finding[],
): void {
  for (const f of checkName(guardian.fullName, spec.name)) findings.push(f);

  const dob = guardian.dob;
  if (hasText(dob)) {
    const age = ageAt(dob, asOf);
    if (age !== null && age < ADULT_AGE) findings.push(finding("guardian.underage", spec.dob, spec.role));
  }

  const pid = guardian.pid;
  if (isRepresentative || (hasText(pid) && isEntered(pid))) {
    const person = { dob, gender: guardian.gender ?? spec.gender };
    for (const f of checkPid(pid, person, spec.pid)) findings.push(f);
  }

  if (isRepresentative && guardian.vneid !== "level2") {
    findings.push(finding("guardian.no_level2", spec.vneid, spec.role));
  }
}

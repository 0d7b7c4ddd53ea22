import type { CampaignCounts, Child, Status } from "@roster/schema";
import { CAMPAIGN_COUNT_KEYS } from "@roster/schema";
import { DEFAULT_CAMPAIGN, ageAt, checkPid } from "@roster/rules";

/** All zero. */
export function zeroCounts(): CampaignCounts {
  return Object.fromEntries(CAMPAIGN_COUNT_KEYS.map((key) => [key, 0])) as CampaignCounts;
}

/** `a + b`, key by key. */
export function addCounts(a: CampaignCounts, b: CampaignCounts): CampaignCounts {
  const out = zeroCounts();
  for (const key of CAMPAIGN_COUNT_KEYS) out[key] = a[key] + b[key];
  return out;
}

/** True when the two say the same (to decide whether a day's entry changed). */
export function sameCounts(a: CampaignCounts, b: CampaignCounts): boolean {
  return CAMPAIGN_COUNT_KEYS.every((key) => a[key] === b[key]);
}

/** Aged 6 to under 14 at `asOf`: the children the campaigns are about. */
export function inCampaignAge(child: Child, asOf: string): boolean {
  const age = child.dob ? ageAt(child.dob, asOf) : null;
  return age !== null && age >= DEFAULT_CAMPAIGN.minAge && age < DEFAULT_CAMPAIGN.maxAgeExclusive;
}

/** A 12-digit number that passes every personal-ID rule against the child's own data. */
export function hasValidPid(child: Child): boolean {
  return !!child.pid?.trim() && checkPid(child.pid, { dob: child.dob, gender: child.gender }).length === 0;
}

export function residenceRegistered(child: Child): boolean {
  return child.residenceType === "permanent" || child.residenceType === "temporary";
}

/**
 * The campaign figures of some children (see `CampaignCountsSchema` for what each one
 * means). `statusOf` gives the server's status of a child; a child without one (not yet
 * marked) is left out, as `GET /report` does. Removed children never count.
 */
export function campaignCounts(children: Iterable<Child>, statusOf: (id: string) => Status | undefined, asOf: string): CampaignCounts {
  const counts = zeroCounts();
  for (const child of children) {
    if (child.removed === true) continue;
    const status = statusOf(child.id);
    if (status === undefined) continue;
    counts.children++;
    if (status === "clean") counts.clean++;
    else if (status === "needs-fix") counts.needsFix++;
    else counts.verified++;
    if (!inCampaignAge(child, asOf)) continue;
    counts.inCampaignAge++;
    if (hasValidPid(child)) counts.validPid++;
    if (child.idCard === "applied" || child.idCard === "issued") counts.idCardApplied++;
    if (child.idCard === "issued") counts.idCardIssued++;
    if (child.vneid === "level2") counts.vneidLevel2++;
    if (child.healthBook === true) counts.healthBook++;
    if (residenceRegistered(child)) counts.residenceRegistered++;
  }
  return counts;
}

/** `part` as a percentage of `whole`, one decimal; 0 when there is no whole. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

import type { Child, RosterReport } from "@roster/schema";
import { DEFAULT_CAMPAIGN, ageAt, checkPid } from "@roster/rules";
import type { ChildMarking } from "../marks/compute-marks";

const FIELDS = ["idCard", "vneid", "healthBook", "residenceType", "gender"] as const;

/**
 * Counts of one roster for `GET /api/rosters/:id/report`: by status, by campaign field and
 * by finding code, over the children that are not removed. Pure: the caller supplies the
 * server's markings.
 */
export function rosterReport(
  rosterId: string,
  children: readonly Child[],
  markings: ReadonlyMap<string, ChildMarking>,
  asOf: string,
): RosterReport {
  const report: RosterReport = {
    rosterId,
    asOf,
    total: 0,
    inCampaignAge: 0,
    byStatus: { clean: 0, "needs-fix": 0, verified: 0 },
    byField: { pid: { valid: 0, invalid: 0, missing: 0 } },
    byFinding: {},
  };
  const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const child of children) {
    const marking = markings.get(child.id);
    if (child.removed === true || !marking) continue;
    report.total++;
    const age = child.dob ? ageAt(child.dob, asOf) : null;
    if (age !== null && age >= DEFAULT_CAMPAIGN.minAge && age < DEFAULT_CAMPAIGN.maxAgeExclusive) report.inCampaignAge++;
    report.byStatus[marking.status]++;
    for (const field of FIELDS) bump((report.byField[field] ??= {}), String(child[field] ?? "unset"));
    const pidCounts = report.byField.pid!;
    if (!child.pid?.trim()) bump(pidCounts, "missing");
    else bump(pidCounts, checkPid(child.pid, { dob: child.dob, gender: child.gender }).length === 0 ? "valid" : "invalid");
    for (const code of new Set(marking.findings.map((f) => f.code))) bump(report.byFinding, code);
  }
  return report;
}

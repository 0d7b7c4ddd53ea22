import { addDays } from "@roster/rules";
import type { CommuneProgress, DailyProgressPoint, ProgressReport, ProvinceProgress } from "@roster/schema";
import type { DailyReportInput } from "@roster/spreadsheet";
import { PROVINCES_2025 } from "../province/provinces-2025";
import { addCounts, zeroCounts } from "./campaign-counts";
import { countsOn, sumSeries } from "./daily-series";
import { dailyReportInput, progressReport, WEEKLY_TARGET_PERCENT, type ProgressDeps } from "./progress-report";

/** The communes of a province that this server serves, by code. */
export async function communesOfProvince(deps: ProgressDeps, province: string): Promise<string[]> {
  const listed = new Set(PROVINCES_2025[province]?.communes ?? []);
  return (await deps.store.listCommunes()).map((c) => c.code).filter((code) => listed.has(code));
}

/** Percentage points of the health-book figure gained over the 7 days before `asOf`. */
function weekGain(report: ProgressReport): number | null {
  const series = report.daily.map((d) => ({ date: d.date, counts: d.total }));
  const start = countsOn(series, addDays(report.asOf, -7));
  if (!start || report.total.inCampaignAge === 0) return null;
  const percent = (n: number, of: number) => (of === 0 ? 0 : (100 * n) / of);
  return Math.round((percent(report.total.healthBook, report.total.inCampaignAge) - percent(start.healthBook, start.inCampaignAge)) * 10) / 10;
}

/**
 * `GET /api/province/progress`: each commune's own report (the same function its admin's
 * `GET /api/progress` answers with, over all its rosters), summed. Counts only.
 */
export async function provinceProgress(deps: ProgressDeps, province: string): Promise<ProvinceProgress> {
  const asOf = deps.hub.asOf();
  const communes: CommuneProgress[] = [];
  for (const code of await communesOfProvince(deps, province)) {
    const report = await progressReport(deps, code, await deps.store.listRosters(code));
    const gain = weekGain(report);
    const done = report.total.inCampaignAge > 0 && report.total.healthBook === report.total.inCampaignAge;
    communes.push({ ...report, weekGainPercent: gain, behindTarget: !done && (gain === null || gain < WEEKLY_TARGET_PERCENT) });
  }
  // Behind target first, the slowest first; then by name.
  communes.sort(
    (a, b) =>
      Number(b.behindTarget) - Number(a.behindTarget) ||
      (a.weekGainPercent ?? -1) - (b.weekGainPercent ?? -1) ||
      (a.communeName ?? a.commune).localeCompare(b.communeName ?? b.commune, "vi"),
  );
  const total = communes.reduce((sum, c) => addCounts(sum, c.total), zeroCounts());
  const daily: DailyProgressPoint[] = sumSeries(
    communes.map((c) => c.daily.map((d) => ({ date: d.date, counts: d.total }))),
    asOf,
    total,
  );
  return { province, provinceName: PROVINCES_2025[province]?.name ?? province, asOf, weeklyTargetPercent: WEEKLY_TARGET_PERCENT, total, daily, communes };
}

/** The province's daily report: one line per commune (its own report's total), in the communes' template. */
export async function provinceDailyReportInput(deps: ProgressDeps, province: string): Promise<DailyReportInput> {
  const asOf = deps.hub.asOf();
  const lines: DailyReportInput["lines"] = [];
  for (const code of await communesOfProvince(deps, province)) {
    const input = await dailyReportInput(deps, code, await deps.store.listRosters(code));
    lines.push({ name: input.communeName, counts: input.total.counts, ...(input.total.weekStart ? { weekStart: input.total.weekStart } : {}) });
  }
  lines.sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const total = lines.reduce((sum, l) => addCounts(sum, l.counts), zeroCounts());
  const starts = lines.filter((l) => l.weekStart);
  const totalStart = starts.length === 0 ? undefined : starts.reduce((sum, l) => addCounts(sum, l.weekStart!), zeroCounts());
  return {
    communeName: PROVINCES_2025[province]?.name ?? province,
    date: asOf,
    weekStart: addDays(asOf, -7),
    weeklyTargetPercent: WEEKLY_TARGET_PERCENT,
    lines,
    total: { name: "Tổng cộng", counts: total, ...(totalStart ? { weekStart: totalStart } : {}) },
  };
}

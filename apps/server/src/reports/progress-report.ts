import type { CampaignCounts, ProgressReport, Roster } from "@roster/schema";
import { addDays } from "@roster/rules";
import type { DailyReportInput } from "@roster/spreadsheet";
import type { RosterHub } from "../rosters/roster-hub";
import type { AccountStore } from "../storage/store";
import { addCounts, campaignCounts, zeroCounts } from "./campaign-counts";
import type { DailyProgress } from "./daily-progress";
import { countsOn, sumSeries, type DailyEntry } from "./daily-series";

/** DOMAIN.md: each commune ≥ 10 % more per week. */
export const WEEKLY_TARGET_PERCENT = 10;

export interface ProgressDeps {
  hub: RosterHub;
  store: AccountStore;
  progress: DailyProgress;
}

/**
 * A roster's figures now, from the server's own marks (evaluated now, as `/children` does).
 * `writer`: whether this instance may record them in the roster's daily series (scaled mode:
 * not when another instance owns the roster; that one keeps its series).
 */
export async function rosterCountsNow(hub: RosterHub, rosterId: string): Promise<{ counts: CampaignCounts; writer: boolean }> {
  const asOf = hub.asOf();
  const { value, owner } = await hub.derive(rosterId, "campaign-counts", (records, markings) =>
    campaignCounts(records.listChildren(), (id) => markings.get(id)?.status, asOf),
  );
  return { counts: value, writer: owner !== "elsewhere" };
}

/** Figures and stored series of some rosters of one commune; today's figures are offered to the series. */
async function gather(deps: ProgressDeps, rosters: readonly Roster[]) {
  const lines: { roster: Roster; counts: CampaignCounts; series: DailyEntry[] }[] = [];
  for (const roster of rosters) {
    const { counts, writer } = await rosterCountsNow(deps.hub, roster.id);
    if (writer) await deps.progress.offer(roster.id, counts);
    lines.push({ roster, counts, series: await deps.progress.series(roster.id) });
  }
  return lines;
}

/**
 * `GET /api/progress` and `GET /api/rosters/:id/progress`: the figures of each roster now,
 * their total, and the daily series (past days as the server kept them; today live).
 */
export async function progressReport(deps: ProgressDeps, commune: string, rosters: readonly Roster[]): Promise<ProgressReport> {
  const asOf = deps.hub.asOf();
  const lines = await gather(deps, rosters);
  const total = lines.reduce((sum, line) => addCounts(sum, line.counts), zeroCounts());
  const communeName = (await deps.store.getCommune(commune))?.name;
  return {
    commune,
    ...(communeName ? { communeName } : {}),
    asOf,
    weeklyTargetPercent: WEEKLY_TARGET_PERCENT,
    total,
    rosters: lines.map(({ roster, counts }) => ({ rosterId: roster.id, name: roster.name, counts })),
    daily: sumSeries(lines.map((l) => l.series), asOf, total),
  };
}

/**
 * The daily report's figures: one line per roster with its figures at the start of the
 * week (`asOf` − 7 days, as kept then; a roster tracked only since later starts from its
 * first kept day), and the total.
 */
export async function dailyReportInput(deps: ProgressDeps, commune: string, rosters: readonly Roster[]): Promise<DailyReportInput> {
  const asOf = deps.hub.asOf();
  const weekStart = addDays(asOf, -7);
  const lines = await gather(deps, rosters);
  const startOf = (series: readonly DailyEntry[]) => countsOn(series, weekStart) ?? series.find((d) => d.date < asOf)?.counts;
  const reportLines = lines.map(({ roster, counts, series }) => {
    const start = startOf(series);
    return { name: roster.name, counts, ...(start ? { weekStart: start } : {}) };
  });
  const total = reportLines.reduce((sum, line) => addCounts(sum, line.counts), zeroCounts());
  const starts = reportLines.filter((l) => l.weekStart);
  const totalStart = starts.length === 0 ? undefined : starts.reduce((sum, l) => addCounts(sum, l.weekStart!), zeroCounts());
  const communeName = (await deps.store.getCommune(commune))?.name ?? commune;
  return {
    communeName,
    date: asOf,
    weekStart,
    weeklyTargetPercent: WEEKLY_TARGET_PERCENT,
    lines: reportLines,
    total: { name: "Tổng cộng", counts: total, ...(totalStart ? { weekStart: totalStart } : {}) },
  };
}

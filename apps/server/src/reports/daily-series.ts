import { CampaignCountsSchema, IsoDateSchema, type CampaignCounts, type DailyProgressPoint } from "@roster/schema";
import { z } from "zod";
import { addCounts, zeroCounts } from "./campaign-counts";

/** One roster's figures at the end of one day (today: as last recorded). */
const DailyEntrySchema = z.object({ date: IsoDateSchema, counts: CampaignCountsSchema });
export type DailyEntry = z.infer<typeof DailyEntrySchema>;

/** Days kept per roster: more than a campaign lasts, small enough to read whole. */
export const MAX_DAYS = 400;

const StoredSeriesSchema = z.object({
  v: z.literal(1),
  days: z.array(DailyEntrySchema),
});

/** The key-value store's key of a roster's series. */
export function dailyKey(rosterId: string): string {
  return `daily:${rosterId}`;
}

export function encodeSeries(days: readonly DailyEntry[]): string {
  return JSON.stringify({ v: 1, days: days.slice(-MAX_DAYS) });
}

/** A stored series; anything unreadable reads as empty (it is rebuilt from today on). */
export function decodeSeries(text: string | undefined): DailyEntry[] {
  if (text === undefined) return [];
  try {
    const parsed = StoredSeriesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.days : [];
  } catch {
    return [];
  }
}

/**
 * Today's figures put into a series: they replace today's entry, or follow the last day.
 * Past days are never touched; a date before the last entry (a clock set back) is
 * ignored. Returns the new series, or undefined when nothing changes.
 */
export function withToday(days: readonly DailyEntry[], entry: DailyEntry, same: (a: CampaignCounts, b: CampaignCounts) => boolean): DailyEntry[] | undefined {
  const last = days.at(-1);
  if (last && entry.date < last.date) return undefined;
  if (last && same(last.counts, entry.counts)) return undefined; // unchanged: the last day carries forward
  if (last && last.date === entry.date) return [...days.slice(0, -1), entry];
  return [...days, entry];
}

/** A roster's figures on `date`: its last entry on or before that day (none: all zero). */
export function countsOn(days: readonly DailyEntry[], date: string): CampaignCounts | undefined {
  let found: CampaignCounts | undefined;
  for (const day of days) {
    if (day.date > date) break;
    found = day.counts;
  }
  return found;
}

/**
 * The series of several rosters added up, one point per day on which any of them has an
 * entry, before `today`; then today's live total. A roster with no entry on a day counts
 * with its last earlier entry (nothing changed that day), or not at all before its first.
 */
export function sumSeries(series: readonly (readonly DailyEntry[])[], today: string, todayTotal: CampaignCounts): DailyProgressPoint[] {
  const dates = [...new Set(series.flatMap((days) => days.map((d) => d.date)))].filter((d) => d < today).sort();
  const points = dates.map((date) => ({
    date,
    total: series.reduce((sum, days) => addCounts(sum, countsOn(days, date) ?? zeroCounts()), zeroCounts()),
  }));
  points.push({ date: today, total: todayTotal });
  return points;
}

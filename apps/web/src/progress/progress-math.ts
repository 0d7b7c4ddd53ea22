// Percentages and the chart's geometry, as pure functions (the screen only draws them).
import { CAMPAIGN_PERCENT_KEYS, type CampaignCounts, type DailyProgressPoint } from "@roster/schema";

export type CountKey = keyof CampaignCounts;
export type PercentKey = (typeof CAMPAIGN_PERCENT_KEYS)[number];

const CAMPAIGN: ReadonlySet<string> = new Set(CAMPAIGN_PERCENT_KEYS);
const STATUS: ReadonlySet<string> = new Set(["clean", "needsFix", "verified"]);

/** `part` of `whole` in percent, one decimal; 0 when there is nobody to count. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

/** The percentage a figure is shown with, or null for a figure that is a plain count: campaign
 * figures are shares of the children in campaign age, statuses shares of all children. */
export function shareOf(counts: CampaignCounts, key: CountKey): number | null {
  if (CAMPAIGN.has(key)) return percent(counts[key], counts.inCampaignAge);
  if (STATUS.has(key)) return percent(counts[key], counts.children);
  return null;
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export interface ChartPoint {
  date: string;
  /** Days since the first point. */
  day: number;
  actual: number;
  target: number;
}

/**
 * The daily share of `key` and the target line: from the first day's share, `weeklyTarget`
 * percentage points more each week, never above 100.
 */
export function chartSeries(daily: readonly DailyProgressPoint[], key: PercentKey, weeklyTarget: number): ChartPoint[] {
  const first = daily[0];
  if (!first) return [];
  const start = dayNumber(first.date);
  const base = percent(first.total[key], first.total.inCampaignAge);
  return daily.map((point) => {
    const day = dayNumber(point.date) - start;
    const target = Math.min(100, Math.round((base + (weeklyTarget * day) / 7) * 10) / 10);
    return { date: point.date, day, actual: percent(point.total[key], point.total.inCampaignAge), target };
  });
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The days the chart spans: the series, and at least a week so the target's slope shows. */
export function chartHorizon(points: readonly ChartPoint[], minDays = 7): number {
  return Math.max(minDays, points.at(-1)?.day ?? 0);
}

/** The target line over the horizon: from the first day's share, with a knee where it reaches 100 %. */
export function targetLine(points: readonly ChartPoint[], weeklyTarget: number, horizon: number): { day: number; value: number }[] {
  const base = points[0]?.actual ?? 0;
  const at = (day: number) => Math.min(100, base + (weeklyTarget * day) / 7);
  const line = [{ day: 0, value: base }];
  const full = weeklyTarget > 0 ? ((100 - base) * 7) / weeklyTarget : Infinity;
  if (full > 0 && full < horizon) line.push({ day: full, value: 100 });
  line.push({ day: horizon, value: at(horizon) });
  return line;
}

/** SVG `points` of a line through `(day, value %)` pairs, days 0…`horizon` across the plot area. */
export function linePoints(points: readonly { day: number; value: number }[], box: ChartBox, horizon: number): string {
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  return points
    .map((p) => {
      const x = box.left + (p.day / Math.max(1, horizon)) * plotWidth;
      const y = box.top + plotHeight * (1 - Math.max(0, Math.min(100, p.value)) / 100);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

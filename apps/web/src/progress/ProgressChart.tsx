import { For, Show } from "solid-js";
import type { DailyProgressPoint } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { chartHorizon, chartSeries, linePoints, targetLine, type ChartBox, type PercentKey } from "./progress-math";

// A small drawing scaled to the screen: its 12-unit labels stay readable on a phone.
const BOX: ChartBox = { width: 420, height: 240, left: 42, right: 10, top: 12, bottom: 28 };
const GRID = [0, 25, 50, 75, 100];

/** The daily share of one campaign figure against the target line, as inline SVG. */
export function ProgressChart(props: { daily: readonly DailyProgressPoint[]; metric: PercentKey; weeklyTarget: number }) {
  const { t, date } = useI18n();
  const series = () => chartSeries(props.daily, props.metric, props.weeklyTarget);
  const horizon = () => chartHorizon(series());
  const x = (day: number) => BOX.left + (day / horizon()) * (BOX.width - BOX.left - BOX.right);
  const endDate = () => {
    const first = series()[0]?.date;
    if (!first) return "";
    return new Date(Date.parse(`${first}T00:00:00Z`) + horizon() * 86_400_000).toISOString().slice(0, 10);
  };
  const y = (value: number) => BOX.top + (BOX.height - BOX.top - BOX.bottom) * (1 - value / 100);
  const summary = () => {
    const s = series();
    const first = s[0];
    const last = s.at(-1);
    if (!first || !last) return "";
    return t("progress.chartSummary", {
      metric: t(`progress.metric.${props.metric}`),
      first: first.actual,
      from: date(first.date),
      last: last.actual,
      to: date(last.date),
      target: last.target,
    });
  };
  return (
    <Show when={series().length > 0} fallback={<p class="empty">{t("progress.chartEmpty")}</p>}>
      <figure class="progress-chart" data-testid="progress-chart">
        <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby="progress-chart-desc">
          <desc id="progress-chart-desc">{summary()}</desc>
          <For each={GRID}>
            {(value) => (
              <>
                <line class="grid" x1={BOX.left} x2={BOX.width - BOX.right} y1={y(value)} y2={y(value)} />
                <text class="axis" x={BOX.left - 6} y={y(value) + 4} text-anchor="end">
                  {value}%
                </text>
              </>
            )}
          </For>
          <text class="axis" x={BOX.left} y={BOX.height - 8}>
            {date(series()[0]?.date)}
          </text>
          <text class="axis" x={BOX.width - BOX.right} y={BOX.height - 8} text-anchor="end">
            {date(endDate())}
          </text>
          <polyline class="target" points={linePoints(targetLine(series(), props.weeklyTarget, horizon()), BOX, horizon())} />
          <polyline class="actual" points={linePoints(series().map((p) => ({ day: p.day, value: p.actual })), BOX, horizon())} />
          <For each={series()}>{(p) => <circle class="actual-dot" r="4" cx={x(p.day)} cy={y(p.actual)} />}</For>
        </svg>
        <figcaption>
          <span class="legend actual">{t("progress.chartActual")}</span>
          <span class="legend target">{t("progress.chartTarget")}</span>
          <span class="hint">{summary()}</span>
        </figcaption>
      </figure>
    </Show>
  );
}

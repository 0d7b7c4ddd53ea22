import { For, Show } from "solid-js";
import type { DailyProgressPoint } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { chartSeries, linePoints, type ChartBox, type PercentKey } from "./progress-math";

const BOX: ChartBox = { width: 640, height: 260, left: 44, right: 12, top: 12, bottom: 30 };
const GRID = [0, 25, 50, 75, 100];

/** The daily share of one campaign figure against the target line, as inline SVG. */
export function ProgressChart(props: { daily: readonly DailyProgressPoint[]; metric: PercentKey; weeklyTarget: number }) {
  const { t, date } = useI18n();
  const series = () => chartSeries(props.daily, props.metric, props.weeklyTarget);
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
            {date(series().at(-1)?.date)}
          </text>
          <polyline class="target" points={linePoints(series(), (p) => p.target, BOX)} />
          <polyline class="actual" points={linePoints(series(), (p) => p.actual, BOX)} />
          <Show when={series().at(-1)}>
            {(last) => (
              <circle
                class="actual-dot"
                r="4"
                cx={series().length === 1 ? (BOX.left + BOX.width - BOX.right) / 2 : BOX.width - BOX.right}
                cy={y(last().actual)}
              />
            )}
          </Show>
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

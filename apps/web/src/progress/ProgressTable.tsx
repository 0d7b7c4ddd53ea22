import { For, Show } from "solid-js";
import type { CampaignCounts, RosterProgress } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { shareOf, type CountKey } from "./progress-math";

function Cell(props: { counts: CampaignCounts; metric: CountKey }) {
  const { t } = useI18n();
  const share = () => shareOf(props.counts, props.metric);
  return (
    <td data-metric={props.metric}>
      {props.counts[props.metric]}
      <Show when={share() !== null}>
        <span class="share">{t("progress.percent", { percent: share() ?? 0 })}</span>
      </Show>
    </td>
  );
}

/**
 * One table of figures per village and for the commune, all of whose percentages share
 * one base (all children, or the children aged 6 to under 14), said in its caption. The
 * scroll box is focusable and named, so a keyboard can scroll a table wider than the screen.
 */
export function ProgressTable(props: {
  id: string;
  title: string;
  caption: string;
  metrics: readonly CountKey[];
  rosters: readonly RosterProgress[];
  total: CampaignCounts;
}) {
  const { t } = useI18n();
  return (
    <section>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby={`${props.id}-title`}>
        <table class="import-table progress-table" data-testid={props.id}>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("progress.village")}</th>
              <For each={props.metrics}>{(key) => <th scope="col">{t(`progress.metric.${key}`)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rosters}>
              {(roster) => (
                <tr data-roster={roster.rosterId}>
                  <th scope="row">{roster.name}</th>
                  <For each={props.metrics}>{(key) => <Cell counts={roster.counts} metric={key} />}</For>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr data-roster="total">
              <th scope="row">{t("progress.commune")}</th>
              <For each={props.metrics}>{(key) => <Cell counts={props.total} metric={key} />}</For>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

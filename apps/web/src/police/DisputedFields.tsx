import { For, Show } from "solid-js";
import type { FieldValue, Guardian } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import type { DeskConflict } from "./desk-conflicts";
import { fieldWords, valueWords } from "./desk-words";

/**
 * The fields of a record two people set differently while offline: each value, who entered
 * it and when, and a button to keep it. The value not kept stays in the edit history.
 */
export function DisputedFields(props: {
  conflicts: readonly DeskConflict[];
  guardians: Readonly<Record<string, Guardian>>;
  disabled: boolean;
  onSettle: (entry: DeskConflict, value: FieldValue) => void;
}) {
  const i18n = useI18n();
  const { t, time } = i18n;
  return (
    <Show when={props.conflicts.length > 0}>
      <section class="disputed" aria-labelledby="disputed-title" data-testid="disputed">
        <h3 id="disputed-title">{t("desk.disputedTitle")}</h3>
        <p class="hint">{t("desk.disputed")}</p>
        <For each={props.conflicts}>
          {(entry) => {
            const label = () => fieldWords(entry.name, t);
            return (
              <div class="disputed-field" classList={{ blocks: entry.blocks }} data-field={entry.name} role="group" aria-label={label()}>
                <h4>
                  {label()}
                  <Show when={!entry.blocks}>
                    <span class="hint"> — {t("desk.disputedOther")}</span>
                  </Show>
                </h4>
                <ul class="disputed-values">
                  <For each={entry.conflict.values}>
                    {(candidate) => {
                      const words = () => valueWords(entry.name, candidate.value, i18n, props.guardians);
                      return (
                        <li>
                          <span class="disputed-value nowrap">{words()}</span>
                          <span class="disputed-by">{t("desk.valueBy", { name: candidate.name || candidate.by, time: time(candidate.at) })}</span>
                          <button type="button" disabled={props.disabled} onClick={() => props.onSettle(entry, candidate.value)}>
                            {t("desk.settle", { value: words() })}
                          </button>
                        </li>
                      );
                    }}
                  </For>
                </ul>
              </div>
            );
          }}
        </For>
      </section>
    </Show>
  );
}

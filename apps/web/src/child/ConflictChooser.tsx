import { For } from "solid-js";
import type { FieldValue } from "@roster/schema";
import type { Conflict } from "@roster/doc";
import { useI18n } from "../i18n/i18n-context";

/** Both values of a field two people changed offline, who wrote each, and a button to keep one. */
export function ConflictChooser(props: {
  conflict: Conflict;
  describe: (value: FieldValue) => string;
  disabled?: boolean;
  onChoose: (value: FieldValue) => void;
}) {
  const { t, time } = useI18n();
  return (
    <div class="conflict" role="group" aria-label={t("conflict.title")}>
      <p class="conflict-title">
        <strong>{t("conflict.title")}</strong> {t("conflict.explain")}
      </p>
      <ul class="conflict-values">
        <For each={props.conflict.values}>
          {(candidate) => (
            <li>
              <span class="conflict-value">{props.describe(candidate.value) || t("conflict.empty")}</span>
              <span class="conflict-by">{t("conflict.by", { name: candidate.name || candidate.by, time: time(candidate.at) })}</span>
              <button type="button" disabled={props.disabled} onClick={() => props.onChoose(candidate.value)}>
                {t("conflict.choose")}
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

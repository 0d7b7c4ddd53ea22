import { For, Show } from "solid-js";
import type { OtherVillageRow } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";

/**
 * The rows of the file whose village column names another village than the roster's:
 * listed, and left out of the import unless the person decides to take them.
 */
export function OtherVillageRows(props: {
  rows: readonly OtherVillageRow[];
  village: string;
  excluded: boolean;
  onExcludedChange: (excluded: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <Show when={props.rows.length > 0}>
      <section class="import-section other-village" aria-labelledby="other-village-title" data-testid="other-village">
        <h2 id="other-village-title">{t("importVillage.title", { n: props.rows.length, village: props.village })}</h2>
        <p class="hint">{t("importVillage.hint")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="other-village-title">
          <table class="import-table">
            <thead>
              <tr>
                <th scope="col">{t("importVillage.row")}</th>
                <th scope="col">{t("field.fullName")}</th>
                <th scope="col">{t("field.village")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(row) => (
                  <tr data-row={row.row}>
                    <td>{row.row}</td>
                    <td>{row.fullName}</td>
                    <td>{row.village}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <label class="checkbox-label">
          <input type="checkbox" checked={props.excluded} onChange={(e) => props.onExcludedChange(e.currentTarget.checked)} />{" "}
          {t("importVillage.exclude", { n: props.rows.length })}
        </label>
      </section>
    </Show>
  );
}

import { For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import type { ReadSummary } from "./worker-protocol";

/**
 * The sheets of a workbook: each a checkbox, ticked when read (by default every visible
 * sheet shaped like the main one); the person ticks the ones to import. The sheets not read
 * are listed with the reason.
 */
export function SheetChoice(props: { summary: ReadSummary; disabled: boolean; onChoose: (sheets: string[]) => void }) {
  const { t, pick } = useI18n();
  const read = () => new Set(props.summary.sheetsRead);
  const choose = (name: string, on: boolean) => {
    const chosen = props.summary.sheetNames.filter((sheet) => (sheet === name ? on : read().has(sheet)));
    props.onChoose(chosen);
  };
  return (
    <div class="sheet-choice" data-testid="import-sheets">
      <fieldset>
        <legend>{t("import.sheets")}</legend>
        <For each={props.summary.sheetNames}>
          {(name, index) => (
            <label class="check" for={`import-sheet-${index()}`}>
              <input
                id={`import-sheet-${index()}`}
                type="checkbox"
                value={name}
                checked={read().has(name)}
                disabled={props.disabled}
                onChange={(event) => choose(name, event.currentTarget.checked)}
              />
              {name}
            </label>
          )}
        </For>
      </fieldset>
      <p class="hint" data-testid="import-sheets-read">
        {t("import.sheetsRead", { n: props.summary.sheetsRead.length, names: props.summary.sheetsRead.join(", ") })}
      </p>
      <Show when={props.summary.sheetsSkipped.length > 0}>
        <ul class="import-notes" data-testid="import-sheets-skipped">
          <For each={props.summary.sheetsSkipped}>
            {(skipped) => (
              <li data-sheet={skipped.name}>{t("import.sheetSkipped", { name: skipped.name, reason: pick(skipped.reason) })}</li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

import { For, Index, Show } from "solid-js";
import type { ColumnTarget } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";
import { ColumnTargetSelect } from "./ColumnTargetSelect";
import { PhoneOwnerQuestion } from "./PhoneOwnerQuestion";
import type { ImportFlow } from "./import-flow";
import { columnLetter } from "./value-words";

// A phone column mapped to the representative's (whose it is unsaid), or one the person
// has since attributed: the question stays so the choice can be changed.
const PHONE_TARGETS = new Set<ColumnTarget | null>(["phone", "father.phone", "mother.phone", "guardian.phone"]);

/** One row per column of the file: its header text, a few values, and the field it goes to. */
export function MappingTable(props: { flow: ImportFlow }) {
  const { t, pick } = useI18n();
  const summary = () => props.flow.summary();
  const headerText = (index: number) => summary()?.header?.cells[index] ?? "";
  // Asked when the file's one phone column does not say whose it is and rows cannot tell
  // (the plan could not place some numbers), and kept once answered, to change the answer.
  const phoneColumns = () => props.flow.mapping().filter((target) => PHONE_TARGETS.has(target)).length;
  const guessedPhone = () => (summary()?.mapping ?? []).includes("phone");
  const unplaced = () => props.flow.plan()?.issues.some((issue) => issue.target === "phone") ?? false;
  const isUnattributedPhone = (target: ColumnTarget | null) =>
    guessedPhone() && phoneColumns() === 1 && PHONE_TARGETS.has(target) && (target !== "phone" || unplaced());
  return (
    <section class="import-section" aria-labelledby="import-mapping-title">
      <h2 id="import-mapping-title">{t("import.mapping")}</h2>
      <p class="hint">{t("import.mappingHint")}</p>
      <Show when={props.flow.problems().length > 0}>
        <ul class="import-problems" role="alert">
          <For each={props.flow.problems()}>{(problem) => <li>{pick(problem)}</li>}</For>
        </ul>
      </Show>
      <div class="table-scroll">
        <table class="import-table mapping-table">
          <thead>
            <tr>
              <th scope="col">{t("import.column")}</th>
              <th scope="col">{t("import.header")}</th>
              <th scope="col">{t("import.samples")}</th>
              <th scope="col">{t("import.target")}</th>
            </tr>
          </thead>
          <tbody>
            <Index each={props.flow.mapping()}>
              {(target, index) => (
                <tr data-column={columnLetter(index)} classList={{ unmapped: target() === null }}>
                  <td class="letter">{columnLetter(index)}</td>
                  <td class="header-text">{headerText(index)}</td>
                  <td class="samples">{(summary()?.samples[index] ?? []).join(" · ")}</td>
                  <td>
                    <ColumnTargetSelect
                      column={columnLetter(index)}
                      header={headerText(index)}
                      targets={summary()?.targets ?? []}
                      value={target()}
                      onChange={(next) => props.flow.setColumn(index, next)}
                    />
                    <Show when={isUnattributedPhone(target())}>
                      <PhoneOwnerQuestion column={columnLetter(index)} target={target()!} onChoose={(next) => props.flow.setColumn(index, next)} />
                    </Show>
                  </td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </div>
    </section>
  );
}

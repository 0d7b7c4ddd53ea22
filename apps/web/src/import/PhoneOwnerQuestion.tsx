import { For } from "solid-js";
import type { ColumnTarget } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";

const OWNERS: readonly { target: ColumnTarget; label: MessageKey }[] = [
  { target: "father.phone", label: "importPhone.father" },
  { target: "mother.phone", label: "importPhone.mother" },
  { target: "guardian.phone", label: "importPhone.guardian" },
  { target: "phone", label: "importPhone.representative" },
];

/**
 * A phone column that does not say whose number it is: asks, in the mapping table, whose
 * it is, instead of guessing row by row (and dropping the numbers it cannot place).
 */
export function PhoneOwnerQuestion(props: { column: string; target: ColumnTarget; onChoose: (target: ColumnTarget) => void }) {
  const { t } = useI18n();
  const name = () => `phone-owner-${props.column}`;
  return (
    <fieldset class="phone-owner" data-testid="phone-owner">
      <legend>{t("importPhone.question")}</legend>
      <For each={OWNERS}>
        {(owner) => (
          <label class="checkbox-label">
            <input
              type="radio"
              name={name()}
              value={owner.target}
              checked={props.target === owner.target}
              onChange={() => props.onChoose(owner.target)}
            />{" "}
            {t(owner.label)}
          </label>
        )}
      </For>
    </fieldset>
  );
}

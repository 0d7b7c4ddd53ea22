import { For } from "solid-js";
import type { ColumnTarget } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";
import { groupTargets } from "./mapping-groups";
import type { TargetOption } from "./worker-protocol";

/** The menu of one column of a file: the field it goes to, grouped (child, father, …), or none. */
export function ColumnTargetSelect(props: {
  column: string;
  header: string;
  targets: readonly TargetOption[];
  value: ColumnTarget | null;
  disabled?: boolean;
  onChange: (target: ColumnTarget | null) => void;
}) {
  const { t, pick } = useI18n();
  const groups = () => groupTargets(props.targets);
  return (
    <select
      aria-label={t("import.columnLabel", { column: props.column, header: props.header })}
      value={props.value ?? ""}
      disabled={props.disabled}
      onChange={(event) => {
        const value = event.currentTarget.value;
        props.onChange(value === "" ? null : (value as ColumnTarget));
      }}
    >
      <option value="">{t("import.notImported")}</option>
      <For each={groups()}>
        {(group) => (
          <optgroup label={t(group.label)}>
            <For each={group.options}>
              {(option) => (
                <option value={option.target} selected={option.target === props.value}>
                  {pick(option.label)}
                </option>
              )}
            </For>
          </optgroup>
        )}
      </For>
    </select>
  );
}

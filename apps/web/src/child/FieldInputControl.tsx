import { For, Match, Switch } from "solid-js";
import type { FieldValue } from "@roster/schema";
import type { ConflictValue } from "@roster/doc";
import { ethnicName, formatDayFirstDate } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import type { FieldInput } from "./field-specs";
import { TypedInput } from "./TypedInput";

interface ControlProps {
  id: string;
  input: FieldInput;
  value: FieldValue | undefined;
  disabled: boolean;
  describedBy?: string;
  invalid: boolean;
  onCommit: (value: FieldValue) => void;
  /** The field's latest writes (who set the stored value), for text typed meanwhile. */
  writes?: readonly ConflictValue[];
  /** Writes typed text over only the writes the person had seen (see typed-field.ts). */
  onWriteOver?: (value: FieldValue, seen: readonly string[]) => void;
}

// The 54 official groups, codes 01–54 (Decision 121-TCTK/PPCĐ), named by the rules package.
const OFFICIAL_GROUPS = Array.from({ length: 54 }, (_, i) => {
  const code = String(i + 1).padStart(2, "0");
  return { code, name: ethnicName(code) ?? code };
});

function textOf(value: FieldValue | undefined): string {
  return typeof value === "string" ? value : "";
}

/**
 * The input for one field. Text is written when the person leaves the field (one change
 * per edit, not per keystroke); a value arriving from a colleague never overwrites what
 * is being typed (TypedInput).
 */
export function FieldInputControl(props: ControlProps) {
  const { t } = useI18n();
  const common = () => ({
    id: props.id,
    disabled: props.disabled,
    "aria-describedby": props.describedBy,
    "aria-invalid": props.invalid ? ("true" as const) : undefined,
  });

  return (
    <Switch>
      <Match when={props.input.kind === "text" || props.input.kind === "textarea" || props.input.kind === "date"}>
        <TypedInput
          id={props.id}
          kind={props.input.kind as "text" | "textarea" | "date"}
          inputMode={props.input.kind === "text" ? props.input.inputMode : undefined}
          autocomplete={props.input.kind === "text" ? props.input.autocomplete : undefined}
          value={props.value}
          writes={props.writes ?? []}
          disabled={props.disabled}
          describedBy={props.describedBy}
          invalid={props.invalid}
          onCommit={props.onCommit}
          onWriteOver={props.onWriteOver}
        />
      </Match>
      <Match when={props.input.kind === "select" && props.input}>
        {(input) => (
          <select
            {...common()}
            value={textOf(props.value)}
            onChange={(e) => props.onCommit(e.currentTarget.value === "" ? null : e.currentTarget.value)}
          >
            <option value="" selected={textOf(props.value) === ""}>
              {t("value.unset")}
            </option>
            <For each={input().options}>
              {(o) => (
                <option value={o.value} selected={o.value === textOf(props.value)}>
                  {t(o.label)}
                </option>
              )}
            </For>
          </select>
        )}
      </Match>
      <Match when={props.input.kind === "ethnicity"}>
        <select
          {...common()}
          value={textOf(props.value)}
          onChange={(e) => props.onCommit(e.currentTarget.value === "" ? null : e.currentTarget.value)}
        >
          <option value="" selected={textOf(props.value) === ""}>
            {t("value.unset")}
          </option>
          <For each={OFFICIAL_GROUPS}>
            {(g) => (
              <option value={g.code} selected={g.code === textOf(props.value)}>
                {g.code} — {g.name}
              </option>
            )}
          </For>
        </select>
      </Match>
      <Match when={props.input.kind === "checkbox"}>
        <input {...common()} type="checkbox" checked={props.value === true} onChange={(e) => props.onCommit(e.currentTarget.checked)} />
      </Match>
    </Switch>
  );
}

/** How a stored value reads for a person (for conflicts): enum labels translated, dates dd/mm/yyyy. */
export function describeValue(input: FieldInput, value: FieldValue, t: (key: MessageKey) => string): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (input.kind === "select") {
    const option = input.options.find((o) => o.value === value);
    return option ? t(option.label) : value;
  }
  if (input.kind === "ethnicity") {
    const name = ethnicName(value);
    return name ? `${value} — ${name}` : value;
  }
  if (input.kind === "date") return formatDayFirstDate(value);
  return value;
}

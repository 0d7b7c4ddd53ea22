import { createSignal, Show } from "solid-js";
import type { FieldValue } from "@roster/schema";
import type { ConflictValue } from "@roster/doc";
import { formatDayFirstDate, parseDayFirstDate } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import { maskDayFirstDate } from "../ui/date-mask";
import { ChangedMeanwhileNotice } from "./ChangedMeanwhileNotice";
import { createTypedField } from "./typed-field";

export interface TypedInputProps {
  id: string;
  kind: "text" | "textarea" | "date";
  inputMode?: "numeric" | "tel" | "text";
  autocomplete?: string;
  value: FieldValue | undefined;
  writes: readonly ConflictValue[];
  disabled: boolean;
  describedBy?: string;
  invalid: boolean;
  onCommit: (value: FieldValue) => void;
  onWriteOver?: (value: FieldValue, seen: readonly string[]) => void;
}

function shown(kind: TypedInputProps["kind"], value: FieldValue | undefined): string {
  if (typeof value !== "string") return "";
  return kind === "date" ? formatDayFirstDate(value) : value;
}

/**
 * A text, long-text or date input whose text is written when the person leaves it, and
 * never replaced under their fingers when a colleague saves the same field (typed-field.ts).
 * Dates read and are typed day first, dd/mm/yyyy, whatever the browser's language.
 */
export function TypedInput(props: TypedInputProps) {
  const { t } = useI18n();
  const [dateError, setDateError] = createSignal(false);
  // Text becomes a stored value: blank clears the field; a date must be a real dd/mm/yyyy.
  const toValue = (text: string): FieldValue | undefined => {
    if (text.trim() === "") return null;
    if (props.kind !== "date") return text;
    return parseDayFirstDate(text) ?? undefined;
  };
  const field = createTypedField({
    value: () => props.value,
    writes: () => props.writes,
    show: (v) => shown(props.kind, v),
    commit: (text) => {
      const value = toValue(text);
      setDateError(value === undefined);
      if (value !== undefined) props.onCommit(value);
    },
    writeOver: (text, seen) => {
      const value = toValue(text);
      if (value !== undefined) props.onWriteOver?.(value, seen);
    },
  });
  const errorId = () => `${props.id}-format`;
  const noticeId = () => `${props.id}-changed`;
  const describedBy = () =>
    [props.describedBy, props.kind === "date" ? `${props.id}-hint` : undefined, dateError() ? errorId() : undefined, field.changed() ? noticeId() : undefined]
      .filter(Boolean)
      .join(" ") || undefined;
  const common = () => ({
    id: props.id,
    disabled: props.disabled,
    "aria-describedby": describedBy(),
    "aria-invalid": props.invalid || dateError() ? ("true" as const) : undefined,
    onFocus: field.onFocus,
    onChange: field.onChange,
  });

  return (
    <>
      <Show
        when={props.kind === "textarea"}
        fallback={
          <input
            {...common()}
            ref={field.ref}
            type="text"
            inputmode={props.kind === "date" ? "numeric" : props.inputMode}
            autocomplete={props.autocomplete ?? "off"}
            placeholder={props.kind === "date" ? t("date.placeholder") : undefined}
            maxLength={props.kind === "date" ? 10 : undefined}
            onInput={(e) => {
              if (props.kind === "date") maskDayFirstDate(e);
              field.onInput();
            }}
          />
        }
      >
        <textarea {...common()} ref={field.ref} rows={3} onInput={field.onInput} />
      </Show>
      <Show when={props.kind === "date"}>
        <span class="hint" id={`${props.id}-hint`}>
          {t("date.hint")}
        </span>
      </Show>
      <Show when={dateError()}>
        <p class="field-error" id={errorId()}>
          {t("date.invalid")}
        </p>
      </Show>
      <Show when={field.changed()}>
        {(changed) => (
          <ChangedMeanwhileNotice
            id={noticeId()}
            changed={changed()}
            theirs={shown(props.kind, changed().value)}
            mine={field.typed()}
            canMerge={props.kind !== "date"}
            onKeepMine={field.keepMine}
            onTakeTheirs={field.takeTheirs}
            onMerge={field.merge}
          />
        )}
      </Show>
    </>
  );
}

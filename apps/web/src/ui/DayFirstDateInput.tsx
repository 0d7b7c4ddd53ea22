import { createSignal } from "solid-js";
import { formatDayFirstDate, parseDayFirstDate } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import { maskDayFirstDate } from "./date-mask";

/**
 * A date typed and shown day first (dd/mm/yyyy) whatever the browser's language, for
 * forms (the child form's dates are TypedInput). `onValue` gets the `YYYY-MM-DD` date, or
 * "" while the text names no real date.
 */
export function DayFirstDateInput(props: { id: string; value: string; required?: boolean; onValue: (iso: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = createSignal(formatDayFirstDate(props.value));
  const valid = () => parseDayFirstDate(text()) !== null;
  return (
    <input
      id={props.id}
      type="text"
      inputmode="numeric"
      autocomplete="off"
      maxLength={10}
      placeholder={t("date.placeholder")}
      required={props.required}
      aria-invalid={text() !== "" && !valid() ? "true" : undefined}
      value={text()}
      onInput={(e) => {
        maskDayFirstDate(e);
        setText(e.currentTarget.value);
        props.onValue(parseDayFirstDate(e.currentTarget.value) ?? "");
      }}
    />
  );
}

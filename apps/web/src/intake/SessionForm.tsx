import { createSignal, For, Show } from "solid-js";
import { PLACE_KINDS, type IntakeSession, type NewIntakeSession, type PlaceKind } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { DayFirstDateInput } from "../ui/DayFirstDateInput";
import { intakeErrorText } from "./intake-errors";

/** What a new session starts with: the campaign's morning hours at the police office. */
export function defaultSession(date: string, policePlace: string): NewIntakeSession {
  return { date, start: "07:30", end: "11:30", placeKind: "police", place: policePlace, capacity: 40, note: null };
}

/**
 * Creates or edits a session. `onSave` writes to the document and throws the refusal
 * (`IntakeSessionError`), which is shown in words above the buttons.
 */
export function SessionForm(props: {
  initial: NewIntakeSession | IntakeSession;
  /** Places to suggest (villages and schools of the roster). */
  suggestions: readonly string[];
  onSave: (values: NewIntakeSession) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const init = props.initial;
  const [date, setDate] = createSignal(init.date);
  const [start, setStart] = createSignal(init.start);
  const [end, setEnd] = createSignal(init.end);
  const [placeKind, setPlaceKind] = createSignal<PlaceKind>(init.placeKind);
  const [place, setPlace] = createSignal(init.place);
  const [capacity, setCapacity] = createSignal(String(init.capacity));
  const [note, setNote] = createSignal(init.note ?? "");
  const [error, setError] = createSignal<string | null>(null);

  const choosePlaceKind = (kind: PlaceKind) => {
    // Keep a typed place; replace only the police office's name that the form filled in.
    if (kind !== "police" && place() === t("intake.place.police")) setPlace("");
    if (kind === "police" && place().trim() === "") setPlace(t("intake.place.police"));
    setPlaceKind(kind);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    try {
      props.onSave({
        date: date(),
        start: start(),
        end: end(),
        placeKind: placeKind(),
        place: place(),
        capacity: Number(capacity()),
        note: note().trim() === "" ? null : note(),
      });
    } catch (e) {
      setError(intakeErrorText(e, t));
    }
  };

  return (
    <form class="session-form" onSubmit={submit} aria-labelledby="session-form-title">
      <h2 id="session-form-title">{"id" in init ? t("intake.edit") : t("intake.new")}</h2>
      <div class="form-grid">
        <label>
          <span>{t("intake.date")}</span>
          <DayFirstDateInput id="session-date" required value={date()} onValue={setDate} />
        </label>
        <label>
          <span>{t("intake.start")}</span>
          <input id="session-start" type="time" required value={start()} onInput={(e) => setStart(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t("intake.end")}</span>
          <input id="session-end" type="time" required value={end()} onInput={(e) => setEnd(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t("intake.placeKind")}</span>
          <select id="session-place-kind" value={placeKind()} onChange={(e) => choosePlaceKind(e.currentTarget.value as PlaceKind)}>
            <For each={PLACE_KINDS}>
              {(kind) => (
                <option value={kind} selected={kind === placeKind()}>
                  {t(`intake.place.${kind}`)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="wide">
          <span>{t("intake.place")}</span>
          <input
            id="session-place"
            type="text"
            required
            maxLength={200}
            list="session-place-suggestions"
            placeholder={t("intake.placeHint")}
            value={place()}
            onInput={(e) => setPlace(e.currentTarget.value)}
          />
          <datalist id="session-place-suggestions">
            <For each={props.suggestions}>{(s) => <option value={s} />}</For>
          </datalist>
        </label>
        <label>
          <span>{t("intake.capacity")}</span>
          <input
            id="session-capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            step={1}
            required
            value={capacity()}
            onInput={(e) => setCapacity(e.currentTarget.value)}
          />
        </label>
        <label class="wide">
          <span>{t("intake.note")}</span>
          <textarea id="session-note" rows={2} maxLength={1000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="primary">
          {t("intake.save")}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {t("app.cancel")}
        </button>
      </div>
    </form>
  );
}

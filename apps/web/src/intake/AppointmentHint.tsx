import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import type { RosterWorkspace } from "../roster/roster-workspace";
import { Link } from "../ui/router";
import { createIntakeState } from "./intake-state";

/**
 * Under the child editor's "Lịch hẹn" field: when the value is an intake session's id (an
 * assignment made on the intake screen), says which session in words and links to it,
 * instead of leaving the raw id as the only clue. Any other value is a plain note.
 */
export function AppointmentHint(props: { workspace: RosterWorkspace; rosterId: string; value: unknown }) {
  const { t } = useI18n();
  const state = createIntakeState(props.workspace);
  const session = () => {
    state.version();
    return typeof props.value === "string" ? state.intake.getSession(props.value) : undefined;
  };
  const day = (iso: string) => iso.split("-").reverse().join("/");
  return (
    <Show when={session()}>
      {(s) => (
        <p class="field-hint" data-testid="appointment-session">
          <Link to={{ name: "intake", rosterId: props.rosterId, sessionId: s().id }}>
            {t("nav.intake")}: {day(s().date)} {s().start}–{s().end}, {t(`intake.place.${s().placeKind}`)}
            {s().place ? ` (${s().place})` : ""}
            {s().cancelled ? ` — ${t("intake.cancelled")}` : ""}
          </Link>
        </p>
      )}
    </Show>
  );
}

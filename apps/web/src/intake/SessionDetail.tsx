import { createMemo, createSignal, Show } from "solid-js";
import { compareVietnameseNames } from "@roster/rules";
import type { IntakeSession, NewIntakeSession } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import type { RosterSnapshot } from "../roster/roster-model";
import { useApp } from "../session/app-services";
import { AssignPanel } from "./AssignPanel";
import { callListHtml } from "./call-list-html";
import { CallListView } from "./CallListView";
import { intakeErrorText } from "./intake-errors";
import type { IntakeState } from "./intake-state";
import { PrintPreview } from "./PrintPreview";
import { SessionForm } from "./SessionForm";

/** One session: its counts, its call list with ticks, assignment, editing and printing. */
export function SessionDetail(props: {
  state: IntakeState;
  session: IntakeSession;
  snapshot: RosterSnapshot;
  rosterName: string;
  organises: boolean;
  ticks: boolean;
  placeSuggestions: readonly string[];
}) {
  const { t, date, time } = useI18n();
  const app = useApp();
  const intake = () => props.state.intake;
  const [editing, setEditing] = createSignal(false);
  const [printing, setPrinting] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const id = () => props.session.id;

  // Recomputed when sessions, assignments or ticks change (version) and when children's
  // records change (snapshot: a corrected name or phone shows at once).
  const entries = createMemo(() => {
    props.state.version();
    void props.snapshot;
    return intake().callList(id(), compareVietnameseNames);
  });
  const summary = createMemo(() => {
    props.state.version();
    return intake().summary(id());
  });
  const when = () => t("intake.when", { date: date(props.session.date), start: props.session.start, end: props.session.end });

  const attempt = (write: () => void) => {
    setNotice(null);
    try {
      write();
    } catch (error) {
      setNotice(intakeErrorText(error, t));
    }
  };
  const sessionOf = (childId: string) => {
    const sid = intake().sessionOf(childId);
    return sid === undefined ? undefined : props.state.sessions().find((s) => s.id === sid);
  };
  const save = (values: NewIntakeSession) => {
    intake().updateSession(id(), values, app.actor());
    setEditing(false);
  };
  const cancelSession = () => {
    if (!window.confirm(t("intake.cancelConfirm"))) return;
    attempt(() => intake().cancelSession(id(), app.actor()));
  };
  const printHtml = () =>
    callListHtml(
      { rosterName: props.rosterName, session: props.session, entries: entries(), madeAt: time(new Date()) },
      { t, date },
    );

  return (
    <article class="session-detail" aria-labelledby="session-title" data-session={id()}>
      <header class="session-header">
        <h2 id="session-title">
          {when()}
          <Show when={props.session.cancelled}>
            {" "}
            <span class="badge badge-removed">{t("intake.cancelled")}</span>
          </Show>
        </h2>
        <p class="session-place">
          {t(`intake.place.${props.session.placeKind}`)}: {props.session.place}
        </p>
        <Show when={props.session.note}>
          <p class="hint">{props.session.note}</p>
        </Show>
        <p class="session-summary" data-testid="intake-summary" data-assigned={summary().assigned} data-came={summary().came}>
          {(() => {
            const { capacity, assigned, came, absent, unmarked } = summary();
            return t("intake.summary", { capacity, assigned, came, absent, unmarked });
          })()}
        </p>
        <meter class="capacity" min={0} max={summary().capacity} value={summary().assigned} aria-label={t("intake.capacity")} />
        <Show when={summary().over}>
          <p class="hint warning" role="alert">
            {t("intake.over", { n: summary().assigned - summary().capacity })}
          </p>
        </Show>
        <div class="actions">
          <button type="button" class="primary" onClick={() => setPrinting(!printing())} aria-expanded={printing()}>
            {t("intake.print")}
          </button>
          <Show when={props.organises}>
            <button type="button" onClick={() => setEditing(!editing())} aria-expanded={editing()}>
              {t("intake.edit")}
            </button>
            <Show
              when={props.session.cancelled}
              fallback={
                <button type="button" class="danger" onClick={cancelSession}>
                  {t("intake.cancel")}
                </button>
              }
            >
              <button type="button" onClick={() => attempt(() => intake().updateSession(id(), { cancelled: false }, app.actor()))}>
                {t("intake.reopen")}
              </button>
            </Show>
          </Show>
        </div>
      </header>

      <Show when={notice()}>
        <p class="error" role="alert">
          {notice()}
        </p>
      </Show>

      <Show when={editing()}>
        <SessionForm
          initial={props.session}
          suggestions={props.placeSuggestions}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      </Show>

      <Show when={printing()}>
        <PrintPreview html={printHtml()} onClose={() => setPrinting(false)} />
      </Show>

      <section aria-labelledby="call-list-title">
        <h3 id="call-list-title">{t("intake.callList")}</h3>
        <CallListView
          entries={entries()}
          canTick={props.ticks}
          canUnassign={props.organises}
          onTick={(childId, came) => attempt(() => intake().markAttendance(id(), childId, came, app.actor()))}
          onUnassign={(childId) => attempt(() => intake().unassign(childId, app.actor()))}
        />
      </section>

      <Show when={props.organises && !props.session.cancelled}>
        <AssignPanel
          snapshot={props.snapshot}
          session={props.session}
          free={summary().free}
          sessionOf={sessionOf}
          inLiveSession={props.state.inLiveSession}
          onAssign={(childId) => attempt(() => intake().assign(childId, id(), app.actor()))}
        />
      </Show>
    </article>
  );
}

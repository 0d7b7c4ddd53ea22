import { createMemo, createSignal, For, Show } from "solid-js";
import { isoDateInVietnam } from "@roster/rules";
import type { NewIntakeSession } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { SyncIndicator } from "../sync/SyncIndicator";
import { Link, useRouter } from "../ui/router";
import { villagesOf } from "./candidates";
import { organisesSessions, ticksAttendance } from "./intake-access";
import { createIntakeState } from "./intake-state";
import { SessionDetail } from "./SessionDetail";
import { defaultSession, SessionForm } from "./SessionForm";
import "./intake.css";

/**
 * The intake sessions of a village roster: the schedule on one side, the chosen
 * session (call list, ticks, assignment, print) on the other; one column on a phone.
 * Everything is read from and written to the roster's records document: offline too.
 */
export function IntakeScreen(props: { rosterId: string; sessionId?: string }) {
  const { t, date } = useI18n();
  const app = useApp();
  const { navigate } = useRouter();
  const workspace = app.workspace(props.rosterId);
  const state = createIntakeState(workspace);
  const snapshot = () => workspace.model.snapshot();
  const role = () => app.session()?.user.role ?? "viewer";
  const organises = () => organisesSessions(role());
  const [creating, setCreating] = createSignal(false);
  const [showCancelled, setShowCancelled] = createSignal(false);
  const rosterName = () =>
    app.rosters().find((r) => r.id === props.rosterId)?.name ?? workspace.model.review.meta()?.name ?? props.rosterId;
  const shownSessions = createMemo(() => state.sessions().filter((s) => showCancelled() || !s.cancelled || s.id === props.sessionId));
  const selected = createMemo(() => state.sessions().find((s) => s.id === props.sessionId));
  const placeSuggestions = createMemo(() => [t("intake.place.police"), ...villagesOf(snapshot().rows), ...snapshot().facets.schools]);

  const create = (values: NewIntakeSession) => {
    const id = state.intake.createSession(values, app.actor());
    setCreating(false);
    navigate({ name: "intake", rosterId: props.rosterId, sessionId: id });
  };

  return (
    <main class="intake-page" classList={{ "has-detail": props.sessionId !== undefined || creating() }}>
      <section class="session-list-pane" aria-labelledby="intake-title">
        <header class="pane-header">
          <div class="pane-title">
            <Link to={{ name: "roster", rosterId: props.rosterId }} class="back-link">
              ← {rosterName()}
            </Link>
            <h1 id="intake-title">{t("intake.title")}</h1>
          </div>
          <SyncIndicator connection={workspace.connection} />
          <p class="hint">{t("intake.intro")}</p>
          <div class="actions">
            <Show when={organises()}>
              <button type="button" class="primary" onClick={() => setCreating(true)} disabled={creating()}>
                + {t("intake.new")}
              </button>
            </Show>
            <label class="checkbox-inline">
              <input type="checkbox" checked={showCancelled()} onChange={(e) => setShowCancelled(e.currentTarget.checked)} />
              {t("intake.showCancelled")}
            </label>
          </div>
        </header>
        <Show when={shownSessions().length > 0} fallback={<p class="empty">{t("intake.none")}</p>}>
          <ul class="session-list">
            <For each={shownSessions()}>
              {(session) => {
                const count = () => state.assigned().get(session.id)?.length ?? 0;
                return (
                  <li classList={{ cancelled: session.cancelled, selected: session.id === props.sessionId }}>
                    <Link
                      to={{ name: "intake", rosterId: props.rosterId, sessionId: session.id }}
                      class="session-link"
                      aria-current={session.id === props.sessionId ? "page" : undefined}
                    >
                      <span class="session-when">
                        {t("intake.when", { date: date(session.date), start: session.start, end: session.end })}
                      </span>
                      <span class="session-where">{session.place}</span>
                      <span class="session-fill" classList={{ over: count() > session.capacity }}>
                        {session.cancelled ? t("intake.cancelled") : t("intake.fill", { assigned: count(), capacity: session.capacity })}
                      </span>
                    </Link>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
      </section>
      <section class="session-pane">
        {/* On a phone the schedule (with its sync status) is hidden while a session is open. */}
        <div class="phone-only session-pane-top">
          <Link to={{ name: "intake", rosterId: props.rosterId }} class="back-link">
            ← {t("intake.title")}
          </Link>
          <SyncIndicator connection={workspace.connection} />
        </div>
        <Show
          when={creating()}
          fallback={
            <Show
              when={selected()?.id}
              keyed
              fallback={<p class="empty">{props.sessionId ? t("intake.error.notFound") : t("intake.select")}</p>}
            >
              {/* Keyed by id: a colleague's change updates the session in place (an open
                  form stays open); choosing another session starts afresh. */}
              {(_id: string) => (
                <SessionDetail
                  state={state}
                  session={selected()!}
                  snapshot={snapshot()}
                  rosterName={rosterName()}
                  organises={organises()}
                  ticks={ticksAttendance(role())}
                  placeSuggestions={placeSuggestions()}
                />
              )}
            </Show>
          }
        >
          <SessionForm
            initial={defaultSession(isoDateInVietnam(new Date()), t("intake.place.police"))}
            suggestions={placeSuggestions()}
            onSave={create}
            onCancel={() => setCreating(false)}
          />
        </Show>
      </section>
    </main>
  );
}

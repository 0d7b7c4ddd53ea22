import { createMemo, createSignal, For, Show } from "solid-js";
import type { IntakeSession } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import type { RosterSnapshot } from "../roster/roster-model";
import { candidateRows, NO_CANDIDATE_FILTER, villagesOf, type CandidateFilter } from "./candidates";
import { NEED_FILTERS, tasksOf, type NeedFilter } from "./child-tasks";

/** Most candidates drawn at once: a village has a few hundred children; filters narrow the rest. */
const SHOWN_MAX = 150;

/**
 * Children without a session, filtered by what they still need, village, school and
 * name, each with one button to assign. Places left are shown; when none are left the
 * buttons are disabled (the document refuses too).
 */
export function AssignPanel(props: {
  snapshot: RosterSnapshot;
  session: IntakeSession;
  free: number;
  /** The session each child's appointment names (a cancelled one included), if any. */
  sessionOf: (childId: string) => IntakeSession | undefined;
  inLiveSession: (childId: string) => boolean;
  onAssign: (childId: string) => void;
}) {
  const { t, date } = useI18n();
  const [filter, setFilter] = createSignal<CandidateFilter>(NO_CANDIDATE_FILTER);
  const set = (patch: Partial<CandidateFilter>) => setFilter({ ...filter(), ...patch });
  const rows = createMemo(() => candidateRows(props.snapshot.rows, props.inLiveSession, filter()));
  const villages = createMemo(() => villagesOf(props.snapshot.rows));
  const when = (s: IntakeSession) => t("intake.when", { date: date(s.date), start: s.start, end: s.end });

  return (
    <section class="assign-panel" aria-labelledby="assign-title">
      <h3 id="assign-title">{t("intake.assignTitle")}</h3>
      <p class="hint" data-testid="intake-free">
        {props.free > 0 ? t("intake.free", { n: props.free }) : t("intake.full")}
      </p>
      <div class="form-grid">
        <label>
          <span>{t("intake.needs")}</span>
          <select id="assign-need" value={filter().need} onChange={(e) => set({ need: e.currentTarget.value as NeedFilter })}>
            <For each={NEED_FILTERS}>
              {(need) => (
                <option value={need} selected={need === filter().need}>
                  {t(`intake.need.${need}`)}
                </option>
              )}
            </For>
          </select>
        </label>
        <Show when={villages().length > 0}>
          <label>
            <span>{t("intake.village")}</span>
            <select id="assign-village" value={filter().village} onChange={(e) => set({ village: e.currentTarget.value })}>
              <option value="">{t("list.all")}</option>
              <For each={villages()}>{(v) => <option value={v} selected={v === filter().village}>{v}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={props.snapshot.facets.schools.length > 0}>
          <label>
            <span>{t("intake.school")}</span>
            <select id="assign-school" value={filter().school} onChange={(e) => set({ school: e.currentTarget.value })}>
              <option value="">{t("list.all")}</option>
              <For each={props.snapshot.facets.schools}>{(s) => <option value={s} selected={s === filter().school}>{s}</option>}</For>
            </select>
          </label>
        </Show>
        <label>
          <span>{t("intake.search")}</span>
          <input id="assign-search" type="search" value={filter().query} onInput={(e) => set({ query: e.currentTarget.value })} />
        </label>
      </div>
      <p class="hint" data-testid="candidate-count">
        {t("intake.candidates", { n: rows().length })}
      </p>
      <Show when={rows().length > 0} fallback={<p class="empty">{t("intake.noCandidates")}</p>}>
        <ul class="candidates">
          <For each={rows().slice(0, SHOWN_MAX)}>
            {(row) => {
              const child = row.child;
              const previous = () => props.sessionOf(child.id);
              return (
                <li class="candidate">
                  <div class="call-main">
                    <span class="call-name">{child.fullName ?? ""}</span>
                    <span class="call-meta">
                      {[date(child.dob), child.village, child.school, child.grade].filter(Boolean).join(" · ")}
                    </span>
                    <span class="call-todo">{tasksOf(child).map((task) => t(`intake.task.${task}`)).join("; ")}</span>
                    <Show when={previous()}>{(s) => <span class="call-remind">{t("intake.wasCancelled", { when: when(s()) })}</span>}</Show>
                    <Show when={!previous() && child.appointment}>
                      <span class="call-remind">{t("intake.earlierAppointment", { text: child.appointment ?? "" })}</span>
                    </Show>
                  </div>
                  <button
                    type="button"
                    disabled={props.free <= 0}
                    onClick={() => props.onAssign(child.id)}
                  >
                    {/* The spoken name starts with the visible words (WCAG 2.5.3), then says whom. */}
                    + {t("intake.assign")}
                    <span class="visually-hidden">: {child.fullName ?? ""}</span>
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}

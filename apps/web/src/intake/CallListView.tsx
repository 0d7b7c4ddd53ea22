import { For, Show } from "solid-js";
import type { CallListEntry } from "@roster/doc";
import { useI18n } from "../i18n/i18n-context";
import { remindersOf, tasksOf } from "./child-tasks";

/**
 * A session's call list on screen, made for a phone at the desk of a mobile team: one
 * card per child with the adult to call (a tap dials), what to do, and a large tick.
 * Ticked = came; "Vắng" = did not come; neither = not ticked yet.
 */
export function CallListView(props: {
  entries: readonly CallListEntry[];
  canTick: boolean;
  canUnassign: boolean;
  onTick: (childId: string, came: boolean | null) => void;
  onUnassign: (childId: string) => void;
}) {
  const { t, date, time } = useI18n();
  return (
    <Show when={props.entries.length > 0} fallback={<p class="empty">{t("intake.callListEmpty")}</p>}>
      <ol class="call-list" data-testid="call-list">
        <For each={props.entries}>
          {(entry) => {
            const name = () => entry.child.fullName ?? "";
            const came = () => entry.attendance?.came;
            const tasks = () => tasksOf(entry.child);
            const reminders = () => remindersOf(entry.child, entry.representative);
            return (
              <li
                class="call-entry"
                classList={{ came: came() === true, absent: came() === false }}
                data-child={entry.child.id}
              >
                <span class="call-no">{entry.no}</span>
                <div class="call-main">
                  <span class="call-name">{name()}</span>
                  <span class="call-meta">
                    {[date(entry.child.dob), entry.child.village, entry.child.school, entry.child.grade].filter(Boolean).join(" · ")}
                  </span>
                  <Show when={entry.representative}>
                    {(rep) => (
                      <span class="call-meta">
                        {t(`value.${rep().relation}`)}: {rep().guardian.fullName ?? ""}
                        <Show when={rep().guardian.phone}>
                          {(phone) => (
                            <>
                              {" · "}
                              <a href={`tel:${phone()}`}>{phone()}</a>
                            </>
                          )}
                        </Show>
                      </span>
                    )}
                  </Show>
                  <span class="call-todo">
                    {(tasks().length > 0 ? tasks().map((task) => t(`intake.task.${task}`)) : [t("intake.task.none")]).join("; ")}
                  </span>
                  <Show when={reminders().length > 0}>
                    <span class="call-remind">{reminders().map((r) => t(`intake.remind.${r}`)).join("; ")}</span>
                  </Show>
                  <Show when={entry.attendance}>
                    {(mark) => <span class="call-by">{t("intake.tickedBy", { name: mark().byName, time: time(mark().at) })}</span>}
                  </Show>
                </div>
                <div class="call-actions">
                  <label class="tick">
                    <input
                      type="checkbox"
                      checked={came() === true}
                      disabled={!props.canTick}
                      aria-label={t("intake.tickLabel", { name: name() })}
                      onChange={(e) => props.onTick(entry.child.id, e.currentTarget.checked ? true : null)}
                    />
                    <span aria-hidden="true">{t("intake.came")}</span>
                  </label>
                  <button
                    type="button"
                    class="absent-button"
                    aria-pressed={came() === false}
                    disabled={!props.canTick}
                    aria-label={t("intake.absentLabel", { name: name() })}
                    onClick={() => props.onTick(entry.child.id, came() === false ? null : false)}
                  >
                    {t("intake.absent")}
                  </button>
                  <Show when={props.canUnassign}>
                    <button
                      type="button"
                      class="link-button unassign"
                      onClick={() => props.onUnassign(entry.child.id)}
                    >
                      {t("intake.unassign")}
                      <span class="visually-hidden">: {name()}</span>
                    </button>
                  </Show>
                </div>
              </li>
            );
          }}
        </For>
      </ol>
    </Show>
  );
}

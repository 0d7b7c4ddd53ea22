import { For } from "solid-js";
import { STATUSES } from "@roster/schema";
import { messageOf } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import type { Facets, RosterFilter } from "./filters";

/** Search box and filters (status, school, grade, problem); every control has a label. */
export function FilterBar(props: { filter: RosterFilter; facets: Facets; onChange: (f: RosterFilter) => void }) {
  const { t, pick } = useI18n();
  const set = (patch: Partial<RosterFilter>) => props.onChange({ ...props.filter, ...patch });
  return (
    <div class="filter-bar">
      <div class="search-field">
        <label for="roster-search">{t("list.search")}</label>
        <input
          id="roster-search"
          type="search"
          placeholder={t("list.searchPlaceholder")}
          autocomplete="off"
          value={props.filter.query}
          onInput={(e) => set({ query: e.currentTarget.value })}
        />
      </div>
      <details class="filters">
        <summary>{t("list.filters")}</summary>
        <div class="filter-grid">
          <div class="filter-field">
            <label for="filter-status">{t("list.status")}</label>
            <select id="filter-status" value={props.filter.status} onChange={(e) => set({ status: e.currentTarget.value as RosterFilter["status"] })}>
              <option value="">{t("list.all")}</option>
              <For each={STATUSES}>
                {(s) => (
                  <option value={s} selected={s === props.filter.status}>
                    {t(`status.${s}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="filter-field">
            <label for="filter-school">{t("list.school")}</label>
            <select id="filter-school" value={props.filter.school} onChange={(e) => set({ school: e.currentTarget.value })}>
              <option value="">{t("list.all")}</option>
              <For each={props.facets.schools}>
                {(s) => (
                  <option value={s} selected={s === props.filter.school}>
                    {s}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="filter-field">
            <label for="filter-grade">{t("list.grade")}</label>
            <select id="filter-grade" value={props.filter.grade} onChange={(e) => set({ grade: e.currentTarget.value })}>
              <option value="">{t("list.all")}</option>
              <For each={props.facets.grades}>
                {(g) => (
                  <option value={g} selected={g === props.filter.grade}>
                    {g}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="filter-field">
            <label for="filter-code">{t("list.code")}</label>
            <select id="filter-code" value={props.filter.code} onChange={(e) => set({ code: e.currentTarget.value })}>
              <option value="">{t("list.all")}</option>
              <For each={props.facets.codes}>
                {(code) => {
                  const message = messageOf(code);
                  return (
                    <option value={code} selected={code === props.filter.code}>
                      {message ? pick(message) : code}
                    </option>
                  );
                }}
              </For>
            </select>
          </div>
          <label class="checkbox">
            <input type="checkbox" checked={props.filter.showRemoved} onChange={(e) => set({ showRemoved: e.currentTarget.checked })} />
            <span>{t("list.showRemoved")}</span>
          </label>
        </div>
      </details>
    </div>
  );
}

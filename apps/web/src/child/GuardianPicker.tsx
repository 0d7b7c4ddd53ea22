import { createMemo, createSignal, For, Show } from "solid-js";
import type { Guardian } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { searchGuardians } from "./guardian-search";

/** Search the roster's fathers, mothers and guardians and link one (siblings share parents). */
export function GuardianPicker(props: {
  id: string;
  guardians: readonly Guardian[];
  usage: ReadonlyMap<string, number>;
  onPick: (guardianId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = createSignal("");
  const results = createMemo(() => searchGuardians(props.guardians, props.usage, query()));
  return (
    <div class="guardian-picker">
      <label for={`${props.id}-search`}>{t("guardian.search")}</label>
      <input
        id={`${props.id}-search`}
        type="search"
        autocomplete="off"
        placeholder={t("list.searchPlaceholder")}
        value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)}
        ref={(el) => queueMicrotask(() => el.focus())}
      />
      <Show when={results().length > 0} fallback={<p class="empty">{t("guardian.noMatch")}</p>}>
        <ul class="picker-results">
          <For each={results()}>
            {(choice) => (
              <li>
                <button type="button" onClick={() => props.onPick(choice.guardian.id)}>
                  <span class="picker-name">{choice.guardian.fullName || t("list.noName")}</span>
                  <span class="picker-meta">
                    {[choice.guardian.dob, choice.guardian.pid, t("guardian.children", { n: choice.children })]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <button type="button" onClick={() => props.onCancel()}>
        {t("app.cancel")}
      </button>
    </div>
  );
}

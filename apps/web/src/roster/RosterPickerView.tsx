import { For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { focusOnMount } from "../ui/focus-on-mount";
import { Link } from "../ui/router";

/** The villages this account may open. */
export function RosterPickerView() {
  const { t } = useI18n();
  const app = useApp();
  return (
    <main class="page narrow">
      <h1 tabindex="-1" ref={focusOnMount}>
        {t("rosters.title")}
      </h1>
      <Show when={app.rostersFromCache() && app.rosters().length > 0}>
        <Banner tone="info">{t("rosters.offlineCached")}</Banner>
      </Show>
      <Show when={app.rosters().length > 0} fallback={<p class="empty">{t("rosters.empty")}</p>}>
        <ul class="roster-picker">
          <For each={app.rosters()}>
            {(roster) => (
              <li>
                <Link to={{ name: "roster", rosterId: roster.id }} class="roster-link">
                  <span class="roster-name">{roster.name}</span>
                  <span class="roster-id">{roster.id}</span>
                </Link>
                <Show when={app.abilities().verifies}>
                  <Link to={{ name: "verify", rosterId: roster.id }} class="button">
                    {t("rosters.verifyQueue")}
                  </Link>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </main>
  );
}

import { Show } from "solid-js";
import { useRegisterSW } from "virtual:pwa-register/solid";
import { useI18n } from "../i18n/i18n-context";

/**
 * Offers a new version when the service worker has one waiting. Nothing reloads until
 * the person taps Reload, so an edit in progress (or offline work) is never interrupted.
 */
export function UpdatePrompt() {
  const { t } = useI18n();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  return (
    <Show when={needRefresh()}>
      <div class="update-prompt" role="alert">
        <span>{t("app.update")}</span>
        <button type="button" class="primary" onClick={() => void updateServiceWorker(true)}>
          {t("app.reload")}
        </button>
        <button type="button" onClick={() => setNeedRefresh(false)}>
          {t("app.later")}
        </button>
      </div>
    </Show>
  );
}

import { createSignal, Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { Dialog } from "../ui/Dialog";
import { useApp } from "./app-services";

/** Logout asks first (it removes every child's data from the device) and says what is unsent. */
export function LogoutButton() {
  const { t } = useI18n();
  const app = useApp();
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const pending = () => app.pendingTotal();
  return (
    <>
      <button type="button" class="link-button" onClick={() => setAsking(true)}>
        {t("session.logout")}
      </button>
      <Show when={asking()}>
        <Dialog alert labelledBy="logout-text" onClose={() => !busy() && setAsking(false)}>
            <p id="logout-text">
              {t("session.logoutConfirm", {
                pending: pending() > 0 ? t("session.logoutPending", { n: pending() }) : t("session.logoutNoPending"),
              })}
            </p>
            <div class="dialog-actions">
              <button type="button" onClick={() => setAsking(false)} disabled={busy()}>
                {t("app.cancel")}
              </button>
              <button
                type="button"
                class="danger"
                disabled={busy()}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await app.logout();
                  } finally {
                    setBusy(false);
                    setAsking(false);
                  }
                }}
              >
                {t("session.logoutYes")}
              </button>
            </div>
        </Dialog>
      </Show>
    </>
  );
}

import { createSignal, Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { useRouter } from "../ui/router";
import { redeemCode } from "./accounts-api";

/** "Set your password", opened from the admin's QR code (the code is in the address's fragment) or typed in. */
export function SetPasswordScreen() {
  const { t } = useI18n();
  const app = useApp();
  const { navigate } = useRouter();
  const fromLink = decodeURIComponent(location.hash.replace(/^#/, ""));
  const [code, setCode] = createSignal(fromLink);
  const [password, setPassword] = createSignal("");
  const [again, setAgain] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (password() !== again()) return setError(t("setPassword.mismatch"));
    setBusy(true);
    try {
      const answer = await redeemCode(code().trim(), password());
      // The code must not stay in the address bar or the history once used.
      history.replaceState(null, "", "/");
      await app.adopt(answer);
      navigate({ name: "rosters" }, { replace: true });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page narrow set-password">
      <h1>{t("setPassword.title")}</h1>
      <p>{t("setPassword.intro")}</p>
      <Show when={error()}>
        <Banner tone="error" alert>
          {error()}
        </Banner>
      </Show>
      <form onSubmit={(e) => void submit(e)}>
        <label for="set-code">{t("setPassword.code")}</label>
        <input id="set-code" required autocomplete="one-time-code" autocapitalize="characters" value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
        <label for="set-password">{t("setPassword.password")}</label>
        <input id="set-password" type="password" required minLength={10} autocomplete="new-password" aria-describedby="set-password-rules" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        <p id="set-password-rules" class="hint">
          {t("setPassword.rules")}
        </p>
        <label for="set-password-again">{t("setPassword.again")}</label>
        <input id="set-password-again" type="password" required autocomplete="new-password" value={again()} onInput={(e) => setAgain(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy()}>
          {t("setPassword.submit")}
        </button>
      </form>
    </main>
  );
}

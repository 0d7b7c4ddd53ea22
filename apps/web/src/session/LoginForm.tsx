import { createSignal, Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { ApiError } from "./api-error";
import { useApp } from "./app-services";

/** Username and password; `again` when the session expired and local data is kept. */
export function LoginForm(props: { again?: boolean }) {
  const { t } = useI18n();
  const app = useApp();
  const [username, setUsername] = createSignal(props.again ? (app.session()?.user.username ?? "") : "");
  const [password, setPassword] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await app.login(username().trim(), password());
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) setError(t("login.offline"));
      else if (e instanceof ApiError && (e.status === 401 || e.status === 400)) setError(t("login.failed"));
      else setError(t("login.error", { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const otherUser = () => props.again && username().trim() !== "" && username().trim() !== app.session()?.user.username;

  return (
    <form class="login-form" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{t("login.title")}</h2>
      <Show when={props.again}>
        <p class="hint">{t("login.again")}</p>
      </Show>
      <label for="login-username">{t("login.username")}</label>
      <input
        id="login-username"
        name="username"
        autocomplete="username"
        autocapitalize="none"
        required
        value={username()}
        onInput={(e) => setUsername(e.currentTarget.value)}
      />
      <label for="login-password">{t("login.password")}</label>
      <input
        id="login-password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        value={password()}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <Show when={otherUser()}>
        <p class="hint warning">{t("login.otherUser")}</p>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? t("login.busy") : t("login.submit")}
      </button>
    </form>
  );
}

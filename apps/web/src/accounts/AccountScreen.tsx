import { createResource, createSignal, For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { changePassword, endSession, mySessions } from "./accounts-api";

/** My account: change my password (my other sessions end), see my sessions and end one. */
export function AccountScreen() {
  const { t, time } = useI18n();
  const app = useApp();
  const token = () => app.session()?.token ?? "";
  const [sessions, { refetch }] = createResource(token, mySessions);
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [message, setMessage] = createSignal<{ tone: "error" | "info"; text: string } | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setMessage(null);
    try {
      await changePassword(token(), current(), next());
      setCurrent("");
      setNext("");
      setMessage({ tone: "info", text: t("account.changed") });
      void refetch();
    } catch (e) {
      setMessage({ tone: "error", text: (e as Error).message });
    }
  };

  return (
    <main class="page narrow account-screen">
      <h1>{t("account.title")}</h1>
      <Show when={message()}>
        {(m) => (
          <Banner tone={m().tone} alert={m().tone === "error"}>
            {m().text}
          </Banner>
        )}
      </Show>
      <form onSubmit={(e) => void submit(e)}>
        <h2>{t("account.password")}</h2>
        <label for="account-current">{t("account.current")}</label>
        <input id="account-current" type="password" required autocomplete="current-password" value={current()} onInput={(e) => setCurrent(e.currentTarget.value)} />
        <label for="account-next">{t("account.next")}</label>
        <input id="account-next" type="password" required minLength={10} autocomplete="new-password" value={next()} onInput={(e) => setNext(e.currentTarget.value)} />
        <p class="hint">{t("setPassword.rules")}</p>
        <button type="submit" class="primary">
          {t("account.change")}
        </button>
      </form>
      <h2>{t("account.sessions")}</h2>
      <ul class="session-list">
        <For each={sessions() ?? []}>
          {(s) => (
            <li>
              <strong>{s.device || t("account.unknownDevice")}</strong>
              <span class="hint"> {t("account.lastUsed", { time: time(s.lastUsedAt) })}</span>
              <Show
                when={!s.current}
                fallback={<span class="badge">{t("account.thisDevice")}</span>}
              >
                {" "}
                <button type="button" onClick={() => void endSession(token(), s.id).then(() => refetch())}>
                  {t("account.end")}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </main>
  );
}

import { Match, Show, Switch } from "solid-js";
import { I18nProvider, useI18n } from "./i18n/i18n-context";
import { IntakeNavLink } from "./intake/IntakeNavLink";
import { AccountScreen, AdminScreen, ImportScreen, IntakeScreen, ListsScreen, PoliceQueueView, ProgressScreen, ProvinceScreen, ReconcileScreen, SetPasswordScreen } from "./lazy-screens";
import { ToolsNav } from "./lists/ToolsNav";
import { RosterPickerView } from "./roster/RosterPickerView";
import { RosterScreen } from "./roster/RosterScreen";
import { AppServicesProvider, useApp } from "./session/app-services";
import { LoginForm } from "./session/LoginForm";
import { LogoutButton } from "./session/LogoutButton";
import { Banner } from "./ui/Banner";
import { Link, RouterProvider, useRouter } from "./ui/router";
import { UpdatePrompt } from "./ui/UpdatePrompt";

/** The skip link's target is whichever screen's `<main>` is shown (WCAG 2.4.1). */
function skipToMain(event: MouseEvent): void {
  const main = document.querySelector("main");
  if (main === null) return;
  event.preventDefault();
  if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
  main.focus();
}

function TopBar() {
  const { t, locale, setLocale } = useI18n();
  const app = useApp();
  const user = () => app.session()?.user;
  return (
    <header class="top-bar">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t("a11y.skipToMain")}
      </a>
      <span class="brand">{t("app.short")}</span>
      <Show when={user()}>
        {(u) => (
          <span class="user" data-testid="current-user">
            {t("session.user", { name: u().displayName ?? u().username, role: t(`role.${u().role}`) })}
          </span>
        )}
      </Show>
      <button
        type="button"
        class="link-button"
        lang={locale() === "vi" ? "en" : "vi"}
        onClick={() => setLocale(locale() === "vi" ? "en" : "vi")}
      >
        {t("app.switchLanguage")}
      </button>
      <Show when={user()}>
        <Show when={app.abilities().manages}>
          <Link to={{ name: "admin" }} class="top-link">
            {t("nav.admin")}
          </Link>
        </Show>
        <Link to={{ name: "account" }} class="top-link">
          {t("nav.account")}
        </Link>
        <IntakeNavLink />
        <LogoutButton />
      </Show>
    </header>
  );
}

function Screens() {
  const { route } = useRouter();
  const app = useApp();
  return (
    <Switch>
      <Match when={app.abilities().oversees && route().name !== "account"}>
        <ProvinceScreen />
      </Match>
      <Match when={route().name === "admin"}>
        <AdminScreen />
      </Match>
      <Match when={route().name === "account"}>
        <AccountScreen />
      </Match>
      <Match when={route().name === "rosters"}>
        <ToolsNav />
        <RosterPickerView />
      </Match>
      <Match when={(() => { const r = route(); return r.name === "roster" ? r : undefined; })()}>
        {(r) => (
          <>
            <ToolsNav rosterId={r().rosterId} current="roster" />
            <RosterScreen rosterId={r().rosterId} />
          </>
        )}
      </Match>
      <Match when={(() => { const r = route(); return r.name === "child" ? r : undefined; })()}>
        {(r) => (
          <>
            <ToolsNav rosterId={r().rosterId} current="roster" />
            <RosterScreen rosterId={r().rosterId} childId={r().childId} />
          </>
        )}
      </Match>
      <Match when={(() => { const r = route(); return r.name === "newChild" ? r : undefined; })()}>
        {(r) => (
          <>
            <ToolsNav rosterId={r().rosterId} current="roster" />
            <RosterScreen rosterId={r().rosterId} draft />
          </>
        )}
      </Match>
      <Match when={(() => { const r = route(); return r.name === "verify" ? r : undefined; })()}>
        {(r) => <PoliceQueueView rosterId={r().rosterId} childId={r().childId} />}
      </Match>
      <Match when={(() => { const r = route(); return r.name === "import" ? r : undefined; })()} keyed>
        {(r) => <ImportScreen rosterId={r.rosterId} />}
      </Match>
      <Match when={(() => { const r = route(); return r.name === "reconcile" ? r : undefined; })()} keyed>
        {(r) => <ReconcileScreen rosterId={r.rosterId} />}
      </Match>
      <Match when={(() => { const r = route(); return r.name === "lists" ? r : undefined; })()} keyed>
        {(r) => <ListsScreen rosterId={r.rosterId} />}
      </Match>
      <Match when={route().name === "progress"}>
        <ProgressScreen />
      </Match>
      <Match when={(() => { const r = route(); return r.name === "intake" ? r.rosterId : undefined; })()} keyed>
        {(rosterId) => (
          <IntakeScreen rosterId={rosterId} sessionId={(() => { const r = route(); return r.name === "intake" ? r.sessionId : undefined; })()} />
        )}
      </Match>
    </Switch>
  );
}

function Shell() {
  const { t } = useI18n();
  const app = useApp();
  const { route } = useRouter();
  return (
    <>
      <TopBar />
      <UpdatePrompt />
      <Switch>
        <Match when={route().name === "set-password"}>
          <SetPasswordScreen />
        </Match>
        <Match when={app.session() === undefined}>
          <p class="empty">{t("app.loading")}</p>
        </Match>
        <Match when={app.session() === null}>
          <main class="page narrow">
            <h1 class="app-title">{t("app.title")}</h1>
            <LoginForm />
          </main>
        </Match>
        <Match when={app.session()}>
          <Show when={!app.abilities().edits && !app.abilities().oversees}>
            <Banner tone="info">{t("viewer.banner")}</Banner>
          </Show>
          <Show when={app.expired()}>
            <div class="expired-login">
              <LoginForm again />
            </div>
          </Show>
          <Screens />
        </Match>
      </Switch>
    </>
  );
}

/** The whole app: language, address bar, services, then the screens. */
export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <AppServicesProvider>
          <Shell />
        </AppServicesProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

import { createResource, For, Match, Switch } from "solid-js";
import type { Child, Guardian, Verification } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { changesSince } from "./changes-since";
import { fieldWords, valueWords } from "./desk-words";

/** The changes made to a verified record since its verification: field, from, to, who, when. */
export function ChangesSince(props: {
  rosterId: string;
  child: Child;
  verification: Verification;
  guardians: Readonly<Record<string, Guardian>>;
  /** Changes when the record changes, so the log is read again. */
  fingerprint: string;
}) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const app = useApp();
  const [changes] = createResource(
    () => ({ token: app.session()?.token ?? "", child: props.child, verification: props.verification, fp: props.fingerprint }),
    ({ token, child, verification }) => changesSince(token, props.rosterId, child, verification),
  );
  return (
    <section class="changes-since" aria-labelledby="changes-title" data-testid="changes-since">
      <h3 id="changes-title">{t("desk.changesTitle", { time: time(props.verification.at) })}</h3>
      <Switch>
        <Match when={changes.error as unknown}>
          {(error) => <p class="hint">{t("desk.changesFailed", { message: (error() as Error).message })}</p>}
        </Match>
        <Match when={changes.loading && !changes.latest}>
          <p class="hint">{t("desk.changesLoading")}</p>
        </Match>
        <Match when={(changes.latest ?? []).length === 0}>
          <p class="hint">{t("desk.changesNone")}</p>
        </Match>
        <Match when={changes.latest}>
          {(list) => (
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="changes-title">
              <table class="changes-table">
                <thead>
                  <tr>
                    <th scope="col">{t("desk.changeField")}</th>
                    <th scope="col">{t("desk.changeFrom")}</th>
                    <th scope="col">{t("desk.changeTo")}</th>
                    <th scope="col">{t("desk.changeWho")}</th>
                    <th scope="col">{t("desk.changeAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(change) => (
                      <tr data-field={change.name}>
                        <td>{fieldWords(change.name, t)}</td>
                        <td class="nowrap">{valueWords(change.name, change.from, i18n, props.guardians)}</td>
                        <td class="nowrap">{valueWords(change.name, change.to, i18n, props.guardians)}</td>
                        <td>{change.user}</td>
                        <td class="nowrap">{time(change.at)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}

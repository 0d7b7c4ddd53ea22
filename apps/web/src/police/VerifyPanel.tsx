import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { Guardian } from "@roster/schema";
import { ethnicName } from "@roster/rules";
import { FindingList } from "../child/FindingList";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import type { ChildRow } from "../roster/child-row";
import type { RosterWorkspace } from "../roster/roster-workspace";
import { ApiError } from "../session/api-error";
import { useApp } from "../session/app-services";
import { Link } from "../ui/router";
import { StatusBadge } from "../ui/StatusBadge";
import { revokeVerification, verifyChild } from "./verify-api";
import { verifyBlocker } from "./verification-queue";

const BLOCKER_TEXT: Record<"offline" | "errors" | "not-synced", MessageKey> = {
  offline: "police.offline",
  errors: "police.hasErrors",
  "not-synced": "police.notSynced",
};

function Fact(props: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value || "—"}</dd>
    </>
  );
}

/** The record, its guardians and its findings side by side, with Verify and Revoke. */
export function VerifyPanel(props: { row: ChildRow; workspace: RosterWorkspace; rosterId: string }) {
  const { t, time, date } = useI18n();
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  // The panel stays mounted while the officer moves from record to record.
  createEffect(on(() => props.row.child.id, () => setMessage(null), { defer: true }));
  const connection = () => props.workspace.connection;
  const online = () => connection().status() === "online";
  const blocker = () => verifyBlocker(props.row, online(), connection().pending());
  const child = () => props.row.child;
  const guardians = (): { role: MessageKey; guardian: Guardian | undefined }[] => {
    const all = props.workspace.model.snapshot().guardians;
    return [
      { role: "guardian.father", guardian: child().fatherId ? all[child().fatherId ?? ""] : undefined },
      { role: "guardian.mother", guardian: child().motherId ? all[child().motherId ?? ""] : undefined },
      { role: "guardian.guardian", guardian: child().guardianId ? all[child().guardianId ?? ""] : undefined },
    ];
  };
  const enumText = (key: string | null | undefined, prefix: string) => (key ? t(`${prefix}${key}` as MessageKey) : null);

  const run = async (action: "verify" | "revoke") => {
    const token = app.session()?.token;
    if (!token) return;
    setBusy(true);
    setMessage(null);
    try {
      if (action === "verify") {
        await verifyChild(token, props.rosterId, child().id, props.row.fingerprint);
        setMessage(t("police.done"));
      } else {
        await revokeVerification(token, props.rosterId, child().id);
        setMessage(t("police.revoked"));
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setMessage(t("police.conflict"));
      else if (e instanceof ApiError && e.status === 403) setMessage(t("police.forbidden"));
      else if (e instanceof ApiError && e.isNetwork) setMessage(t("error.network"));
      else setMessage(t("police.failed", { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="verify-panel" aria-labelledby="verify-title">
      <header class="editor-header">
        <h2 id="verify-title">{child().fullName || t("list.noName")}</h2>
        <StatusBadge status={props.row.status} local={props.row.source === "local"} />
        <Link to={{ name: "child", rosterId: props.rosterId, childId: child().id }} class="button">
          {t("child.title")}
        </Link>
      </header>
      <div class="verify-columns">
        <section>
          <h3>{t("police.record")}</h3>
          <dl class="facts">
            <Fact label={t("field.fullName")} value={child().fullName} />
            <Fact label={t("field.dob")} value={date(child().dob)} />
            <Fact label={t("field.gender")} value={enumText(child().gender, "value.")} />
            <Fact label={t("field.ethnicity")} value={child().ethnicity ? `${child().ethnicity} — ${ethnicName(child().ethnicity ?? "") ?? ""}` : null} />
            <Fact label={t("field.pid")} value={child().pid} />
            <Fact label={t("field.birthRegisteredOn")} value={date(child().birthRegisteredOn)} />
            <Fact label={t("field.residenceType")} value={enumText(child().residenceType, "value.")} />
            <Fact label={t("field.residenceRegisteredOn")} value={date(child().residenceRegisteredOn)} />
            <Fact label={t("field.representative")} value={enumText(child().representative, "value.")} />
          </dl>
        </section>
        <section>
          <h3>{t("police.guardians")}</h3>
          <For each={guardians()}>
            {(entry) => (
              <div class="guardian-facts">
                <h4>{t(entry.role)}</h4>
                <Show when={entry.guardian} fallback={<p class="hint">{t("guardian.none")}</p>}>
                  {(g) => (
                    <dl class="facts">
                      <Fact label={t("field.fullName")} value={g().fullName} />
                      <Fact label={t("field.dob")} value={date(g().dob)} />
                      <Fact label={t("field.pid")} value={g().pid} />
                      <Fact label={t("field.vneid")} value={enumText(g().vneid, "value.vneid.")} />
                    </dl>
                  )}
                </Show>
              </div>
            )}
          </For>
        </section>
        <section>
          <h3>{t("child.findings")}</h3>
          <Show when={props.row.findings.length > 0} fallback={<p class="ok">{t("child.noFindings")}</p>}>
            <FindingList findings={props.row.findings} />
          </Show>
          <Show when={props.row.verification}>
            {(v) => <p class="hint">{t("police.verifiedBy", { name: v().byName, time: time(v().at) })}</p>}
          </Show>
        </section>
      </div>
      <div class="verify-actions">
        <button type="button" class="primary" disabled={busy() || blocker() !== null || props.row.status === "verified"} onClick={() => void run("verify")}>
          {t("police.verify")}
        </button>
        <button type="button" disabled={busy() || !online() || !props.row.verification} onClick={() => void run("revoke")}>
          {t("police.revoke")}
        </button>
        <Show when={blocker()}>{(b) => <p class="hint" data-testid="verify-blocker">{t(BLOCKER_TEXT[b()])}</p>}</Show>
        <Show when={message()}>
          <p role="status" class="hint">
            {message()}
          </p>
        </Show>
      </div>
    </article>
  );
}

import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import type { FieldValue, Guardian } from "@roster/schema";
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
import { ChangesSince } from "./ChangesSince";
import { deskConflicts, type DeskConflict } from "./desk-conflicts";
import { fieldWords, valueWords } from "./desk-words";
import { DisputedFields } from "./DisputedFields";
import { revokeVerification, verifyChild } from "./verify-api";
import { verifyBlocker, type VerifyBlocker } from "./verification-queue";

const BLOCKER_TEXT: Record<Exclude<VerifyBlocker, "conflict">, MessageKey> = {
  offline: "police.offline",
  errors: "police.hasErrors",
  "not-synced": "police.notSynced",
};

/** One fact of the record; `nowrap` keeps a number or a date on one line. */
function Fact(props: { label: string; value: string | null | undefined; nowrap?: boolean; disputed?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{props.label}</dt>
      <dd classList={{ nowrap: props.nowrap === true, "in-dispute": props.disputed === true }}>
        <Show when={props.disputed} fallback={props.value || "—"}>
          {t("desk.disputedTitle")}
        </Show>
      </dd>
    </>
  );
}

/**
 * The record, its guardians and its findings side by side, with Verify and Revoke. A value
 * in dispute is shown as such (never as settled) with both values, who and when, and is
 * settled here; Verify waits until it is. After a verification the desk moves on (`onVerified`).
 */
export function VerifyPanel(props: {
  row: ChildRow;
  workspace: RosterWorkspace;
  rosterId: string;
  onVerified?: (childId: string, name: string) => void;
}) {
  const i18n = useI18n();
  const { t, time, date } = i18n;
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  // The panel stays mounted while the officer moves from record to record.
  createEffect(on(() => props.row.child.id, () => setMessage(null), { defer: true }));
  const connection = () => props.workspace.connection;
  const model = () => props.workspace.model;
  const online = () => connection().status() === "online";
  const child = () => props.row.child;
  const snapshotGuardians = () => model().snapshot().guardians;
  const conflicts = createMemo(() => {
    model().snapshot(); // read again after every change of the records
    return deskConflicts(model().records, child());
  });
  const disputed = () => conflicts().filter((c) => c.blocks);
  const disputedNames = () => new Set(disputed().map((c) => c.name));
  const blocker = () => verifyBlocker(props.row, online(), connection().pending(), disputed().length);
  const blockerText = (b: VerifyBlocker) =>
    b === "conflict" ? t("desk.blockConflict", { fields: disputed().map((c) => fieldWords(c.name, t)).join(", ") }) : t(BLOCKER_TEXT[b]);
  const guardians = (): { role: "father" | "mother" | "guardian"; label: MessageKey; guardian: Guardian | undefined }[] => {
    const all = snapshotGuardians();
    return [
      { role: "father", label: "guardian.father", guardian: child().fatherId ? all[child().fatherId ?? ""] : undefined },
      { role: "mother", label: "guardian.mother", guardian: child().motherId ? all[child().motherId ?? ""] : undefined },
      { role: "guardian", label: "guardian.guardian", guardian: child().guardianId ? all[child().guardianId ?? ""] : undefined },
    ];
  };
  const enumText = (key: string | null | undefined, prefix: string) => (key ? t(`${prefix}${key}` as MessageKey) : null);
  const isDisputed = (name: string) => disputedNames().has(name);

  const settle = (entry: DeskConflict, value: FieldValue) => {
    const { conflict } = entry;
    try {
      if (conflict.kind === "child") model().records.resolveConflict("child", conflict.id, conflict.field, value as never, app.actor());
      else model().records.resolveConflict("guardian", conflict.id, conflict.field, value as never, app.actor());
      model().refresh();
      setMessage(t("desk.settled", { value: valueWords(entry.name, value, i18n, snapshotGuardians()), field: fieldWords(entry.name, t) }));
      // The button pressed is gone with the settled conflict: keep the keyboard in the record.
      queueMicrotask(() => document.getElementById("verify-title")?.focus());
    } catch (e) {
      setMessage(t("police.failed", { message: (e as Error).message }));
    }
  };

  const run = async (action: "verify" | "revoke") => {
    const token = app.session()?.token;
    if (!token) return;
    setBusy(true);
    setMessage(null);
    const id = child().id;
    const name = child().fullName || t("list.noName");
    try {
      if (action === "verify") {
        await verifyChild(token, props.rosterId, id, props.row.fingerprint);
        setMessage(t("police.done"));
        props.onVerified?.(id, name);
      } else {
        await revokeVerification(token, props.rosterId, id);
        setMessage(t("police.revoked"));
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === "verify.conflict") setMessage(t("desk.refusedConflict"));
      else if (e instanceof ApiError && e.status === 409 && e.code === "has_errors") setMessage(t("police.hasErrors"));
      else if (e instanceof ApiError && e.status === 409) setMessage(t("desk.refusedStale"));
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
        <h2 id="verify-title" tabindex="-1">
          {child().fullName || t("list.noName")}
        </h2>
        <StatusBadge status={props.row.status} local={props.row.source === "local"} />
        <Link to={{ name: "child", rosterId: props.rosterId, childId: child().id }} class="button">
          {t("child.title")}
        </Link>
      </header>
      <DisputedFields conflicts={conflicts()} guardians={snapshotGuardians()} disabled={busy()} onSettle={settle} />
      <Show when={props.row.verification}>
        {(v) => (
          <ChangesSince
            rosterId={props.rosterId}
            child={child()}
            verification={v()}
            guardians={snapshotGuardians()}
            fingerprint={props.row.fingerprint}
          />
        )}
      </Show>
      <div class="verify-columns">
        <section aria-labelledby="verify-record">
          <h3 id="verify-record">{t("police.record")}</h3>
          <dl class="facts">
            <Fact label={t("field.fullName")} value={child().fullName} disputed={isDisputed("fullName")} />
            <Fact label={t("field.dob")} value={date(child().dob)} nowrap disputed={isDisputed("dob")} />
            <Fact label={t("field.gender")} value={enumText(child().gender, "value.")} disputed={isDisputed("gender")} />
            <Fact
              label={t("field.ethnicity")}
              value={child().ethnicity ? `${child().ethnicity} — ${ethnicName(child().ethnicity ?? "") ?? ""}` : null}
              disputed={isDisputed("ethnicity")}
            />
            <Fact label={t("field.pid")} value={child().pid} nowrap disputed={isDisputed("pid")} />
            <Fact label={t("field.birthRegisteredOn")} value={date(child().birthRegisteredOn)} nowrap disputed={isDisputed("birthRegisteredOn")} />
            <Fact label={t("field.residenceType")} value={enumText(child().residenceType, "value.")} disputed={isDisputed("residenceType")} />
            <Fact
              label={t("field.residenceRegisteredOn")}
              value={date(child().residenceRegisteredOn)}
              nowrap
              disputed={isDisputed("residenceRegisteredOn")}
            />
            <Fact label={t("field.representative")} value={enumText(child().representative, "value.")} disputed={isDisputed("representative")} />
          </dl>
        </section>
        <section aria-labelledby="verify-guardians">
          <h3 id="verify-guardians">{t("police.guardians")}</h3>
          <For each={guardians()}>
            {(entry) => (
              <div class="guardian-facts">
                <h4>{t(entry.label)}</h4>
                <Show when={entry.guardian} fallback={<p class="hint">{t("guardian.none")}</p>}>
                  {(g) => (
                    <dl class="facts">
                      <Fact label={t("field.fullName")} value={g().fullName} disputed={isDisputed(`${entry.role}.fullName`)} />
                      <Fact label={t("field.dob")} value={date(g().dob)} nowrap />
                      <Fact label={t("field.pid")} value={g().pid} nowrap disputed={isDisputed(`${entry.role}.pid`)} />
                      <Fact label={t("field.vneid")} value={enumText(g().vneid, "value.vneid.")} />
                    </dl>
                  )}
                </Show>
              </div>
            )}
          </For>
        </section>
        <section aria-labelledby="verify-findings">
          <h3 id="verify-findings">{t("child.findings")}</h3>
          <Show when={props.row.findings.length > 0} fallback={<p class="ok">{t("child.noFindings")}</p>}>
            <FindingList findings={props.row.findings} />
          </Show>
          <Show when={props.row.verification}>
            {(v) => <p class="hint">{t("police.verifiedBy", { name: v().byName, time: time(v().at) })}</p>}
          </Show>
        </section>
      </div>
      <div class="verify-actions">
        <button
          type="button"
          class="primary"
          disabled={busy() || blocker() !== null || props.row.status === "verified"}
          aria-describedby={blocker() ? "verify-blocker" : undefined}
          onClick={() => void run("verify")}
        >
          {t("police.verify")}
        </button>
        <button type="button" disabled={busy() || !online() || !props.row.verification} onClick={() => void run("revoke")}>
          {t("police.revoke")}
        </button>
        <Show when={blocker()}>
          {(b) => (
            <p class="hint blocker" id="verify-blocker" data-testid="verify-blocker">
              {blockerText(b())}
            </p>
          )}
        </Show>
        <p role="status" class="hint" data-testid="verify-message">
          {message() ?? ""}
        </p>
      </div>
    </article>
  );
}

import { createMemo, createSignal, For, Show } from "solid-js";
import type { ChildField, FieldValue, GuardianField } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import type { RosterWorkspace } from "../roster/roster-workspace";
import { useApp } from "../session/app-services";
import { SyncIndicator } from "../sync/SyncIndicator";
import { Banner } from "../ui/Banner";
import { focusOnMount } from "../ui/focus-on-mount";
import { Link, useRouter } from "../ui/router";
import { StatusBadge } from "../ui/StatusBadge";
import { FieldRow } from "./FieldRow";
import { AppointmentHint } from "../intake/AppointmentHint";
import { CHILD_SECTIONS, REPRESENTATIVE_INPUT } from "./field-specs";
import { FindingList } from "./FindingList";
import { findingsByField } from "./findings-by-field";
import { partnersOf } from "./duplicate-partners";
import { ProblemSummary } from "./ProblemSummary";
import { GuardianCard, type GuardianRole } from "./GuardianCard";
import { RemoveChildDialog } from "./RemoveChildDialog";
import { FieldHistoryPanel } from "./FieldHistoryPanel";

const ROLES: readonly { role: GuardianRole; link: "fatherId" | "motherId" | "guardianId"; gender?: "male" | "female" }[] = [
  { role: "father", link: "fatherId", gender: "male" },
  { role: "mother", link: "motherId", gender: "female" },
  { role: "guardian", link: "guardianId" },
];

const GUARDIAN_FORM_FIELDS = ["fullName", "dob", "gender", "pid", "phone", "vneid", "address"];

/** Every field key the form shows a finding next to. */
const PLACED = new Set<string>([
  ...CHILD_SECTIONS.flatMap((s) => s.fields.map((f) => f.field)),
  "representative",
  "guardianRelation",
  "fatherId",
  "motherId",
  "guardianId",
  ...ROLES.flatMap(({ role }) => GUARDIAN_FORM_FIELDS.map((f) => `${role}.${f}`)),
]);

/** The form of one child: every field with its problems inline, guardians, conflicts, removal. */
export function ChildEditor(props: {
  workspace: RosterWorkspace;
  rosterId: string;
  childId: string;
  /** Why this person may not change the roster here (roster-scope.ts), if so. */
  locked?: MessageKey | null;
}) {
  const { t, time } = useI18n();
  const app = useApp();
  const { navigate } = useRouter();
  const [error, setError] = createSignal<string | null>(null);
  const [removing, setRemoving] = createSignal(false);
  // "Not found" only once the roster is loaded and evaluated; before that, "loading".
  const loaded = () => props.workspace.model.ready();

  // Read once: the form is keyed by child (RosterScreen), and a field that closes with a
  // pending decision writes while the route's props are already gone.
  const { model: rosterModel } = props.workspace;
  const childId = props.childId;
  const model = () => rosterModel;
  const snapshot = () => model().snapshot();
  const row = createMemo(() => snapshot().byId.get(childId));
  const readOnly = () => !app.abilities().edits || (props.locked ?? null) !== null;
  const byField = createMemo(() => findingsByField(row()?.findings ?? []));
  const conflicts = createMemo(() => {
    snapshot();
    return model().records.conflictsOf("child", childId);
  });

  const attempt = (write: () => void) => {
    setError(null);
    try {
      write();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const setField = (field: ChildField, value: FieldValue) =>
    attempt(() => model().records.setChildField(childId, field, value as never, app.actor()));
  const resolveField = (field: ChildField, value: FieldValue) =>
    attempt(() => model().records.resolveConflict("child", childId, field, value as never, app.actor()));
  const childWrites = (field: ChildField) => {
    snapshot();
    return model().records.latestWrites("child", childId, field);
  };
  const writeChildOver = (field: ChildField, value: FieldValue, seen: readonly string[]) =>
    attempt(() => model().records.writeOver("child", childId, field, value, app.actor(), seen));
  const guardianWrites = (guardianId: string, field: GuardianField) => {
    snapshot();
    return model().records.latestWrites("guardian", guardianId, field);
  };
  const writeGuardianOver = (guardianId: string, field: GuardianField, value: FieldValue, seen: readonly string[]) =>
    attempt(() => model().records.writeOver("guardian", guardianId, field, value, app.actor(), seen));
  const setGuardianField = (guardianId: string, field: GuardianField, value: FieldValue) =>
    attempt(() => model().records.setGuardianField(guardianId, field, value as never, app.actor()));
  const resolveGuardianField = (guardianId: string, field: GuardianField, value: FieldValue) =>
    attempt(() => model().records.resolveConflict("guardian", guardianId, field, value as never, app.actor()));
  const createGuardian = (link: ChildField, gender: "male" | "female" | undefined) =>
    attempt(() => {
      const records = model().records;
      records.doc.transact(() => {
        const id = records.createGuardian(gender ? { gender } : {});
        records.setChildField(childId, link, id as never, app.actor());
      });
    });

  const backTo = () => ({ name: "roster" as const, rosterId: props.rosterId });

  return (
    <Show
      when={row()}
      fallback={
        <div class="page">
          <Link to={backTo()} class="back-link">
            ← {t("app.back")}
          </Link>
          <p class="empty">{loaded() ? t("child.notFound") : t("app.loading")}</p>
        </div>
      }
    >
      {(current) => {
        const child = () => current().child;
        return (
          <article class="child-editor" aria-labelledby="child-title">
            <header class="editor-header">
              <Link to={backTo()} class="back-link">
                ← {t("app.back")}
              </Link>
              <div class="phone-only">
                <SyncIndicator connection={props.workspace.connection} />
              </div>
              <h1 id="child-title" tabindex="-1" ref={focusOnMount}>
                {child().fullName || t("child.new")}
              </h1>
              <div class="editor-status">
                <StatusBadge status={current().status} local={current().source === "local"} />
                <span class="hint">
                  {current().source === "server" && current().mark
                    ? t("child.serverMark", { time: time(current().mark?.at ?? "") })
                    : t("child.localMark")}
                </span>
              </div>
            </header>

            <Show when={props.locked}>
              {(reason) => <Banner tone="warning">{t(reason())}</Banner>}
            </Show>
            <Show when={error()}>
              <Banner tone="error" alert>
                {error()}
              </Banner>
            </Show>
            <Show when={child().removed}>
              <Banner tone="warning">
                {t("child.removed", { reason: child().removedReason ?? "" })}{" "}
                <Show when={!readOnly()}>
                  <button type="button" onClick={() => setField("removed", false)}>
                    {t("child.restore")}
                  </button>
                </Show>
              </Banner>
            </Show>

            <ProblemSummary
              rosterId={props.rosterId}
              findings={current().findings}
              placed={PLACED}
              partners={partnersOf(child(), current().findings, snapshot().rows.map((r) => r.child), snapshot().guardians)}
            />

            <For each={CHILD_SECTIONS}>
              {(section) => (
                <section class="editor-section">
                  <h3>{t(section.title)}</h3>
                  <For each={section.fields}>
                    {(spec) => (
                      <FieldRow
                        id={`child-${spec.field}`}
                        label={t(`field.${spec.field}`)}
                        input={spec.input}
                        value={child()[spec.field]}
                        findings={byField().get(spec.field) ?? []}
                        conflict={conflicts().find((c) => c.field === spec.field)}
                        disabled={readOnly()}
                        onCommit={(v) => setField(spec.field, v)}
                        writes={childWrites(spec.field)}
                        onWriteOver={(v, seen) => writeChildOver(spec.field, v, seen)}
                        onResolve={(v) => resolveField(spec.field, v)}
                        hint={
                          spec.field === "appointment" ? (
                            <AppointmentHint workspace={props.workspace} rosterId={props.rosterId} value={child()[spec.field]} />
                          ) : undefined
                        }
                      />
                    )}
                  </For>
                </section>
              )}
            </For>

            <section class="editor-section">
              <h3>{t("child.section.guardians")}</h3>
              <FindingList findings={(byField().get("guardianId") ?? []).filter((f) => f.code === "guardian.missing")} />
              <FieldRow
                id="child-representative"
                label={t("field.representative")}
                input={REPRESENTATIVE_INPUT}
                value={child().representative}
                findings={byField().get("representative") ?? []}
                conflict={conflicts().find((c) => c.field === "representative")}
                disabled={readOnly()}
                onCommit={(v) => setField("representative", v)}
                writes={childWrites("representative")}
                onWriteOver={(v, seen) => writeChildOver("representative", v, seen)}
                onResolve={(v) => resolveField("representative", v)}
              />
              <For each={ROLES}>
                {({ role, link, gender }) => {
                  const linkedId = () => child()[link];
                  const guardian = () => {
                    const id = linkedId();
                    return id ? snapshot().guardians[id] : undefined;
                  };
                  return (
                    <GuardianCard
                      role={role}
                      linkedId={linkedId()}
                      guardian={guardian()}
                      findings={byField()}
                      linkFindings={(byField().get(link) ?? []).filter((f) => f.code !== "guardian.missing")}
                      conflicts={(() => {
                        const g = guardian();
                        snapshot();
                        return g ? model().records.conflictsOf("guardian", g.id) : [];
                      })()}
                      allGuardians={snapshot().guardianList}
                      usage={snapshot().usage}
                      disabled={readOnly()}
                      onLink={(id) => setField(link, id)}
                      onCreate={() => createGuardian(link, gender)}
                      onSetField={(field, v) => {
                        const g = guardian();
                        if (g) setGuardianField(g.id, field, v);
                      }}
                      onResolve={(field, v) => {
                        const g = guardian();
                        if (g) resolveGuardianField(g.id, field, v);
                      }}
                      writesOf={(field) => {
                        const g = guardian();
                        return g ? guardianWrites(g.id, field) : [];
                      }}
                      onWriteOver={(field, v, seen) => {
                        const g = guardian();
                        if (g) writeGuardianOver(g.id, field, v, seen);
                      }}
                    />
                  );
                }}
              </For>
              <FieldRow
                id="child-guardianRelation"
                label={t("field.guardianRelation")}
                input={{ kind: "text" }}
                value={child().guardianRelation}
                findings={byField().get("guardianRelation") ?? []}
                conflict={conflicts().find((c) => c.field === "guardianRelation")}
                disabled={readOnly()}
                onCommit={(v) => setField("guardianRelation", v)}
                writes={childWrites("guardianRelation")}
                onWriteOver={(v, seen) => writeChildOver("guardianRelation", v, seen)}
                onResolve={(v) => resolveField("guardianRelation", v)}
              />
            </section>

            <FieldHistoryPanel workspace={props.workspace} rosterId={props.rosterId} childId={props.childId} />

            <Show when={!readOnly() && !child().removed}>
              <section class="editor-section danger-zone">
                <button type="button" class="danger" onClick={() => setRemoving(true)}>
                  {t("child.remove")}
                </button>
              </section>
            </Show>
            <Show when={removing()}>
              <RemoveChildDialog
                onCancel={() => setRemoving(false)}
                onRemove={(reason) => {
                  attempt(() => model().records.removeChild(childId, reason, app.actor()));
                  setRemoving(false);
                  navigate(backTo());
                }}
              />
            </Show>
          </article>
        );
      }}
    </Show>
  );
}

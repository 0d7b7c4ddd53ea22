import { createSignal, For, Show } from "solid-js";
import type { Finding, Guardian, GuardianField, FieldValue } from "@roster/schema";
import type { Conflict, ConflictValue } from "@roster/doc";
import { useI18n } from "../i18n/i18n-context";
import { FieldRow } from "./FieldRow";
import { GUARDIAN_FIELDS_FORM } from "./field-specs";
import { FindingList } from "./FindingList";
import { GuardianPicker } from "./GuardianPicker";

export type GuardianRole = "father" | "mother" | "guardian";

/** One of the child's three guardian slots: linked person's fields, or pick / add someone. */
export function GuardianCard(props: {
  role: GuardianRole;
  /** The id in the child's link field, if any. */
  linkedId: string | null | undefined;
  guardian: Guardian | undefined;
  /** Findings of this role: `<role>.<field>` and the link field's. */
  findings: ReadonlyMap<string, Finding[]>;
  linkFindings: readonly Finding[];
  conflicts: readonly Conflict[];
  allGuardians: readonly Guardian[];
  usage: ReadonlyMap<string, number>;
  disabled: boolean;
  onLink: (guardianId: string | null) => void;
  onCreate: () => void;
  onSetField: (field: GuardianField, value: FieldValue) => void;
  onResolve: (field: GuardianField, value: FieldValue) => void;
  /** The latest writes of one of the guardian's fields (who set it). */
  writesOf: (field: GuardianField) => readonly ConflictValue[];
  onWriteOver: (field: GuardianField, value: FieldValue, seen: readonly string[]) => void;
}) {
  const { t } = useI18n();
  const [picking, setPicking] = createSignal(false);
  const base = () => `guardian-${props.role}`;
  const sharedWith = () => (props.guardian ? (props.usage.get(props.guardian.id) ?? 0) : 0);

  return (
    <fieldset class="guardian-card" data-role={props.role} id={`${base()}-card`} tabindex="-1">
      <legend>{t(`guardian.${props.role}`)}</legend>
      <FindingList findings={props.linkFindings} />
      <Show when={picking()}>
        <GuardianPicker
          id={base()}
          guardians={props.allGuardians}
          usage={props.usage}
          onCancel={() => setPicking(false)}
          onPick={(id) => {
            setPicking(false);
            props.onLink(id);
          }}
        />
      </Show>
      <Show when={!picking()}>
        <Show
          when={props.guardian}
          fallback={
            <div class="guardian-empty">
              <p class="hint">{props.linkedId ? t("guardian.linkBroken") : t("guardian.none")}</p>
              <Show when={!props.disabled}>
                <div class="button-row">
                  <button type="button" onClick={() => setPicking(true)}>
                    {t("guardian.pick")}
                  </button>
                  <button type="button" onClick={() => props.onCreate()}>
                    {t("guardian.new")}
                  </button>
                  <Show when={props.linkedId}>
                    <button type="button" onClick={() => props.onLink(null)}>
                      {t("guardian.unlink")}
                    </button>
                  </Show>
                </div>
              </Show>
            </div>
          }
        >
          {(guardian) => (
            <>
              <Show when={sharedWith() > 1}>
                <p class="hint">{t("guardian.sharedWarning", { role: t(`guardian.${props.role}`).toLowerCase(), n: sharedWith() })}</p>
              </Show>
              <For each={GUARDIAN_FIELDS_FORM}>
                {(spec) => (
                  <FieldRow
                    id={`${base()}-${spec.field}`}
                    label={t(`field.${spec.field}`)}
                    input={spec.input}
                    value={guardian()[spec.field]}
                    findings={props.findings.get(`${props.role}.${spec.field}`) ?? []}
                    conflict={props.conflicts.find((c) => c.field === spec.field)}
                    disabled={props.disabled}
                    onCommit={(v) => props.onSetField(spec.field, v)}
                    onResolve={(v) => props.onResolve(spec.field, v)}
                    writes={props.writesOf(spec.field)}
                    onWriteOver={(v, seen) => props.onWriteOver(spec.field, v, seen)}
                  />
                )}
              </For>
              <Show when={!props.disabled}>
                <div class="button-row">
                  <button type="button" onClick={() => setPicking(true)}>
                    {t("guardian.pick")}
                  </button>
                  <button type="button" onClick={() => props.onLink(null)}>
                    {t("guardian.unlink")}
                  </button>
                </div>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </fieldset>
  );
}

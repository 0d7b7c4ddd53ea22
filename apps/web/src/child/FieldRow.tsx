import { Show, type JSX } from "solid-js";
import type { Finding, FieldValue } from "@roster/schema";
import type { Conflict, ConflictValue } from "@roster/doc";
import { useI18n } from "../i18n/i18n-context";
import { ConflictChooser } from "./ConflictChooser";
import { describeValue, FieldInputControl } from "./FieldInputControl";
import type { FieldInput } from "./field-specs";
import { FindingList } from "./FindingList";

/** A labelled input with its problems in words right under it, and its conflict if any. */
export function FieldRow(props: {
  id: string;
  label: string;
  input: FieldInput;
  value: FieldValue | undefined;
  findings: readonly Finding[];
  conflict: Conflict | undefined;
  disabled: boolean;
  onCommit: (value: FieldValue) => void;
  /** The field's latest writes (who set the stored value), for text typed meanwhile. */
  writes?: readonly ConflictValue[];
  /** Writes typed text over only the writes the person had seen (see typed-field.ts). */
  onWriteOver?: (value: FieldValue, seen: readonly string[]) => void;
  /** Keeps one value of a conflict (defaults to an ordinary write). */
  onResolve?: (value: FieldValue) => void;
  /** Shown under the input (e.g. which intake session an appointment names). */
  hint?: JSX.Element;
}) {
  const { t } = useI18n();
  const findingsId = () => `${props.id}-findings`;
  const hasError = () => props.findings.some((f) => f.severity === "error");
  const isCheckbox = () => props.input.kind === "checkbox";
  return (
    <div
      class="field-row"
      classList={{ "has-error": hasError(), "has-conflict": props.conflict !== undefined, checkbox: isCheckbox() }}
      data-field={props.id}
    >
      <label for={props.id}>{props.label}</label>
      <FieldInputControl
        id={props.id}
        input={props.input}
        value={props.value}
        disabled={props.disabled}
        invalid={hasError()}
        describedBy={props.findings.length > 0 ? findingsId() : undefined}
        onCommit={props.onCommit}
        writes={props.writes}
        onWriteOver={props.onWriteOver}
      />
      {props.hint}
      <FindingList
        id={findingsId()}
        findings={props.findings.filter((f) => f.code !== "conflict.field")}
        value={typeof props.value === "string" ? props.value : null}
        disabled={props.disabled}
        onFix={(fix) => props.onCommit(fix.value)}
      />
      <Show when={props.conflict}>
        {(conflict) => (
          <ConflictChooser
            conflict={conflict()}
            disabled={props.disabled}
            describe={(v) => describeValue(props.input, v, t)}
            onChoose={(v) => (props.onResolve ?? props.onCommit)(v)}
          />
        )}
      </Show>
    </div>
  );
}

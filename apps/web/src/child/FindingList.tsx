import { For, Show } from "solid-js";
import type { Finding } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { quickFixesFor, type QuickFix } from "./quick-fixes";

/** Findings in words under a field, each with its one-tap fix when the rules offer one. */
export function FindingList(props: {
  findings: readonly Finding[];
  value?: string | null;
  disabled?: boolean;
  onFix?: (fix: QuickFix) => void;
  id?: string;
}) {
  const { t, pick } = useI18n();
  return (
    <Show when={props.findings.length > 0}>
      <ul class="findings" id={props.id}>
        <For each={props.findings}>
          {(finding) => (
            <li class={`finding finding-${finding.severity}`} data-code={finding.code}>
              <span class="finding-icon" aria-hidden="true">
                {finding.severity === "error" ? "!" : "i"}
              </span>
              <span class="finding-text">{pick(finding.message)}</span>
              <Show when={props.onFix && !props.disabled}>
                <For each={quickFixesFor(finding, props.value)}>
                  {(fix) => (
                    <button type="button" class="fix-button" onClick={() => props.onFix?.(fix)}>
                      {fix.kind === "normalize-name"
                        ? t("fix.normalizeName", { value: fix.value })
                        : t("fix.repairEncoding", { value: fix.value, encoding: fix.encoding ?? "" })}
                    </button>
                  )}
                </For>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

import { For, Show } from "solid-js";
import type { Finding } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { MESSAGES, type MessageKey } from "../i18n/messages";
import { Link } from "../ui/router";
import type { Partner } from "./duplicate-partners";
import { targetOf } from "./problem-targets";

/**
 * Every problem of the child at the top of the form, each a link to its field, so on a
 * phone nobody has to hunt down a long form; a duplicate says which child and links to it.
 */
export function ProblemSummary(props: {
  rosterId: string;
  findings: readonly Finding[];
  placed: ReadonlySet<string>;
  partners: readonly Partner[];
}) {
  const { t, pick, date } = useI18n();
  const known = (key: string): key is MessageKey => key in MESSAGES.vi;
  const labelOf = (field: string): string => {
    const [head, sub] = field.split(".");
    const guardian = `guardian.${head ?? ""}`;
    if (sub !== undefined && known(guardian) && known(`field.${sub}`)) return `${t(guardian)} — ${t(`field.${sub}` as MessageKey)}`;
    return known(`field.${field}`) ? t(`field.${field}` as MessageKey) : "";
  };
  const goTo = (event: MouseEvent, id: string) => {
    const target = document.getElementById(id);
    if (target === null) return;
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    target.focus();
  };
  return (
    <section class="editor-summary" aria-labelledby="problem-summary-title" data-testid="problem-summary">
      <h2 id="problem-summary-title" class="summary-count">
        {props.findings.length > 0 ? t("list.problems", { n: props.findings.length }) : t("child.noFindings")}
      </h2>
      <Show when={props.findings.length > 0}>
        <ul class="problem-summary">
          <For each={props.findings}>
            {(finding) => {
              const target = () => targetOf(finding, props.placed);
              const text = () => [labelOf(finding.field), pick(finding.message)].filter(Boolean).join(": ");
              const partners = () => props.partners.filter((p) => p.code === finding.code);
              return (
                <li class={`finding finding-${finding.severity}`} data-code={finding.code}>
                  <Show when={target()} fallback={<span>{text()}</span>}>
                    {(id) => (
                      <a href={`#${id()}`} onClick={(e) => goTo(e, id())}>
                        {text()}
                      </a>
                    )}
                  </Show>
                  <Show when={partners().length > 0}>
                    <span class="duplicate-of">
                      {t("summary.sameAs")}{" "}
                      <For each={partners()}>
                        {(p, i) => (
                          <>
                            {i() > 0 ? ", " : ""}
                            <Link to={{ name: "child", rosterId: props.rosterId, childId: p.id }}>
                              {[p.fullName || t("list.noName"), date(p.dob)].filter(Boolean).join(" · ")}
                            </Link>
                          </>
                        )}
                      </For>
                    </span>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}

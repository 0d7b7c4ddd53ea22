import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { StatusBadge } from "../ui/StatusBadge";
import { Link } from "../ui/router";
import type { Route } from "../ui/route";
import type { ChildRow } from "./child-row";

/** One line of the roster: name, birth date, class, status and how many problems. */
export function ChildListItem(props: { row: ChildRow; to: Route; selected?: boolean }) {
  const { t, date } = useI18n();
  const child = () => props.row.child;
  // A date of birth two people set differently is not shown as if it were settled.
  const dob = () =>
    props.row.findings.some((f) => f.code === "conflict.field" && f.field === "dob") ? t("list.dobDisputed") : date(child().dob);
  // Errors are what keeps a record from being complete; warnings only ask for a look, so
  // a complete record never reads "Đủ thông tin" next to "1 vấn đề".
  const errors = () => props.row.findings.filter((f) => f.severity === "error").length;
  const notes = () => props.row.findings.length - errors();
  return (
    <Link to={props.to} class={`child-item${props.selected ? " selected" : ""}`} aria-current={props.selected ? "page" : undefined}>
      <span class="child-main">
        <span class="child-name">{child().fullName || t("list.noName")}</span>
        <span class="child-meta">
          {[dob(), child().school, child().grade].filter(Boolean).join(" · ")}
        </span>
      </span>
      <span class="child-side">
        <Show
          when={child().removed}
          fallback={
            <Show when={!props.row.pending} fallback={<span class="badge badge-pending">{t("list.checking")}</span>}>
              <StatusBadge status={props.row.status} local={props.row.source === "local"} />
            </Show>
          }
        >
          <span class="badge badge-removed">{t("list.removed")}</span>
        </Show>
        <Show when={!child().removed && errors() > 0}>
          <span class="child-problems">{t("list.problems", { n: errors() })}</span>
        </Show>
        <Show when={!child().removed && errors() === 0 && notes() > 0}>
          <span class="child-notes">{t("list.notes", { n: notes() })}</span>
        </Show>
      </span>
    </Link>
  );
}

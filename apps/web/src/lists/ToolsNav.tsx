import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { Link } from "../ui/router";
import "./tools.css";

export type ToolName = "roster" | "import" | "reconcile" | "lists" | "progress";

/**
 * The strip under the top bar that reaches the Excel tools of a roster (import for roles
 * that edit; lists for everyone) and the commune's progress. Without a roster, only progress.
 */
export function ToolsNav(props: { rosterId?: string; current?: ToolName }) {
  const { t } = useI18n();
  const app = useApp();
  const here = (name: ToolName) => (props.current === name ? "page" : undefined);
  return (
    <nav class="tools-nav" aria-label={t("nav.tools")}>
      <Show when={props.rosterId}>
        {(rosterId) => (
          <>
            <Show when={props.current !== "roster"}>
              <Link to={{ name: "roster", rosterId: rosterId() }} aria-current={here("roster")}>
                ← {t("import.backToRoster")}
              </Link>
            </Show>
            <Show when={app.abilities().edits}>
              <Link to={{ name: "import", rosterId: rosterId() }} aria-current={here("import")}>
                {t("nav.import")}
              </Link>
            </Show>
            <Show when={app.abilities().verifies}>
              <Link to={{ name: "reconcile", rosterId: rosterId() }} aria-current={here("reconcile")}>
                {t("nav.reconcile")}
              </Link>
            </Show>
            <Link to={{ name: "lists", rosterId: rosterId() }} aria-current={here("lists")}>
              {t("nav.lists")}
            </Link>
          </>
        )}
      </Show>
      <Show when={props.current === "progress"}>
        <Link to={{ name: "rosters" }}>← {t("rosters.title")}</Link>
      </Show>
      <Link to={{ name: "progress" }} aria-current={here("progress")}>
        {t("nav.progress")}
      </Link>
    </nav>
  );
}

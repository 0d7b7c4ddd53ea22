import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { Link, useRouter } from "../ui/router";

/** The top-bar way to a roster's intake sessions, while a roster is open (and not already there). */
export function IntakeNavLink() {
  const { t } = useI18n();
  const { route } = useRouter();
  const rosterId = () => {
    const r = route();
    return "rosterId" in r && r.name !== "intake" ? r.rosterId : undefined;
  };
  return (
    <Show when={rosterId()}>
      {(id) => (
        <Link to={{ name: "intake", rosterId: id() }} class="top-link">
          {t("nav.intake")}
        </Link>
      )}
    </Show>
  );
}

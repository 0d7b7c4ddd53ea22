import type { Status } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";

/** The status of a record in words and colour (never colour alone). */
export function StatusBadge(props: { status: Status; local?: boolean }) {
  const { t } = useI18n();
  return (
    <span class={`badge badge-${props.status}`} title={props.local ? t("status.local") : undefined}>
      {t(`status.${props.status}`)}
      {props.local ? " *" : ""}
    </span>
  );
}

import { Show } from "solid-js";
import type { MessageKey } from "../i18n/messages";
import { useI18n } from "../i18n/i18n-context";
import type { ConnectionStatus } from "./connection-status";
import type { RosterConnection } from "./roster-connection";

const STATUS_TEXT: Record<ConnectionStatus, MessageKey> = {
  offline: "sync.offline",
  connecting: "sync.connecting",
  online: "sync.online",
  expired: "sync.expired",
  forbidden: "sync.forbidden",
  "not-found": "sync.notFound",
  "too-large": "sync.tooLarge",
  "rate-limited": "sync.rateLimited",
};

/** Online/offline, how many changes wait to be sent, and when the roster last synced. */
export function SyncIndicator(props: { connection: RosterConnection }) {
  const { t, time } = useI18n();
  const status = () => props.connection.status();
  const pending = () => props.connection.pending();
  const last = () => props.connection.lastSyncedAt();
  return (
    <div class={`sync-indicator sync-${status()}`} role="status" aria-live="polite" data-testid="sync-indicator">
      <span class="sync-dot" aria-hidden="true" />
      <span class="sync-status" data-status={status()}>
        {t(STATUS_TEXT[status()])}
      </span>
      <span class="sync-pending" data-pending={pending()}>
        {pending() > 0 ? t("sync.pending", { n: pending() }) : t("sync.allSent")}
      </span>
      <Show when={last()} fallback={<span class="sync-last">{t("sync.neverSynced")}</span>}>
        {(at) => <span class="sync-last">{t("sync.lastSynced", { time: time(at()) })}</span>}
      </Show>
    </div>
  );
}

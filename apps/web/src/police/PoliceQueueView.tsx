import { createMemo, createSignal, For, Show } from "solid-js";
import { messageOf } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import { ChildListItem } from "../roster/ChildListItem";
import { useApp } from "../session/app-services";
import { SyncIndicator } from "../sync/SyncIndicator";
import { Link, useRouter } from "../ui/router";
import { VirtualList } from "../ui/VirtualList";
import { nextAfter, QUEUE_TABS, queueCounts, queueRows, queueTabOf, searchRows, type QueueTab } from "./verification-queue";
import { VerifyPanel } from "./VerifyPanel";

const TAB_TEXT: Record<QueueTab, MessageKey> = {
  "to-verify": "police.toVerify",
  stale: "police.stale",
  "needs-fix": "police.needsFix",
  verified: "police.verified",
};

/** The police station's view of a village: what to verify, what changed since, what needs fixing. */
export function PoliceQueueView(props: { rosterId: string; childId?: string }) {
  const { t, pick } = useI18n();
  const app = useApp();
  const workspace = createMemo(() => app.workspace(props.rosterId));
  const snapshot = () => workspace().model.snapshot();
  const selectedRow = () => (props.childId ? snapshot().byId.get(props.childId) : undefined);
  const [tab, setTab] = createSignal<QueueTab>(
    (() => {
      const row = selectedRow();
      return (row && queueTabOf(row)) || "to-verify";
    })(),
  );
  const [code, setCode] = createSignal("");
  const [query, setQuery] = createSignal("");
  const [moved, setMoved] = createSignal("");
  const { navigate } = useRouter();
  const counts = createMemo(() => queueCounts(snapshot().rows));
  const tabRows = createMemo(() => queueRows(snapshot().rows, tab(), code()));
  const rows = createMemo(() => searchRows(tabRows(), query()));
  // After a verification the officer goes on with the next record of the list as it was;
  // when a search found no other, with the next of the whole list (the search is cleared).
  const onVerified = (childId: string, name: string) => {
    let next = nextAfter(rows(), rows(), childId);
    if (!next && query().trim() !== "") {
      next = nextAfter(tabRows(), tabRows(), childId);
      if (next) setQuery("");
    }
    setMoved(next ? t("desk.next", { name }) : t("desk.lastDone", { name }));
    navigate({ name: "verify", rosterId: props.rosterId, ...(next ? { childId: next.child.id } : {}) }, { replace: true });
    queueMicrotask(() => document.getElementById(next ? "verify-title" : "queue-search")?.focus());
  };
  const rosterName = () => app.rosters().find((r) => r.id === props.rosterId)?.name ?? props.rosterId;

  return (
    <div class="split police" classList={{ "has-detail": props.childId !== undefined }}>
      <section class="list-pane" aria-labelledby="queue-title">
        <header class="pane-header">
          <div class="pane-title">
            <Link to={{ name: "roster", rosterId: props.rosterId }} class="back-link">
              ← {rosterName()}
            </Link>
            <h1 id="queue-title">{t("police.title")}</h1>
          </div>
          <SyncIndicator connection={workspace().connection} />
          <div class="tabs" role="tablist" aria-label={t("police.title")}>
            <For each={QUEUE_TABS}>
              {(name) => (
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab() === name}
                  class="tab"
                  data-tab={name}
                  onClick={() => setTab(name)}
                >
                  {t(TAB_TEXT[name])} <span class="tab-count">{counts()[name]}</span>
                </button>
              )}
            </For>
          </div>
          <div class="queue-search">
            <label for="queue-search">{t("desk.search")}</label>
            <input
              id="queue-search"
              type="search"
              autocomplete="off"
              value={query()}
              aria-describedby="queue-search-hint"
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <p class="hint" id="queue-search-hint">
              {t("desk.searchHint")}
            </p>
          </div>
          <p class="visually-hidden" role="status">
            {query().trim() !== "" ? t("desk.found", { n: rows().length }) : ""}
          </p>
          <p class="hint" role="status" data-testid="desk-moved">
            {moved()}
          </p>
          <Show when={tab() === "needs-fix"}>
            <div class="inline-label">
              <label for="queue-code">{t("police.byCode")}</label>
              <select id="queue-code" value={code()} onChange={(e) => setCode(e.currentTarget.value)}>
                <option value="">{t("list.all")}</option>
                <For each={snapshot().facets.codes}>
                  {(c) => {
                    const message = messageOf(c);
                    return (
                      <option value={c} selected={c === code()}>
                        {message ? pick(message) : c}
                      </option>
                    );
                  }}
                </For>
              </select>
            </div>
          </Show>
        </header>
        <Show when={rows().length > 0} fallback={<p class="empty">{t("police.empty")}</p>}>
          <VirtualList items={rows()} rowHeight={68} label={t(TAB_TEXT[tab()])}>
            {(row) => (
              <ChildListItem
                row={row}
                selected={row.child.id === props.childId}
                to={{ name: "verify", rosterId: props.rosterId, childId: row.child.id }}
              />
            )}
          </VirtualList>
        </Show>
      </section>
      <section class="detail-pane">
        <Link to={{ name: "verify", rosterId: props.rosterId }} class="back-link phone-only">
          ← {t("police.title")}
        </Link>
        <Show when={selectedRow()} fallback={<p class="empty">{t("police.select")}</p>}>
          {(row) => <VerifyPanel row={row()} workspace={workspace()} rosterId={props.rosterId} onVerified={onVerified} />}
        </Show>
      </section>
    </div>
  );
}

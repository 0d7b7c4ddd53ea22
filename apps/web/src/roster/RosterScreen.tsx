import { createMemo, Show } from "solid-js";
import { ChildEditor } from "../child/ChildEditor";
import { NewChildDraft } from "../child/NewChildDraft";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { SyncIndicator } from "../sync/SyncIndicator";
import { focusOnMount } from "../ui/focus-on-mount";
import { Link, useRouter } from "../ui/router";
import { VirtualList } from "../ui/VirtualList";
import { Banner } from "../ui/Banner";
import { ChildListItem } from "./ChildListItem";
import { FilterBar } from "./FilterBar";
import { applyFilter, isUnfiltered } from "./filters";
import { rosterScope } from "./roster-scope";

const ROW_HEIGHT = 68;

/**
 * A village's children: search, filters and the list; with a child open, its form beside
 * the list on a desk screen, or alone on a phone.
 */
export function RosterScreen(props: { rosterId: string; childId?: string; draft?: boolean }) {
  const { t } = useI18n();
  const app = useApp();
  const { navigate } = useRouter();
  const workspace = createMemo(() => app.workspace(props.rosterId));
  // The list shows the kept first screen, then every record once read; statuses follow
  // (see RosterModel).
  const snapshot = () => workspace().model.listing();
  const shown = createMemo(() => applyFilter(snapshot().rows, workspace().filter()));
  const total = createMemo(
    () => snapshot().partial?.total ?? snapshot().rows.reduce((n, r) => (r.child.removed === true ? n : n + 1), 0),
  );
  // A first screen holds the head of the list only: its count is the kept one.
  const shownCount = () => (snapshot().partial && isUnfiltered(workspace().filter()) ? total() : shown().length);
  const rosterName = () =>
    app.rosters().find((r) => r.id === props.rosterId)?.name ?? workspace().model.review.meta()?.name ?? props.rosterId;

  const scope = createMemo(() =>
    rosterScope({
      abilities: app.abilities(),
      rosterId: props.rosterId,
      rosters: app.rosters(),
      status: workspace().connection.status(),
    }),
  );
  const refusal = () => {
    const current = scope();
    return current.edits ? null : current.reason;
  };
  // A new child is a draft on the device until it has a name (NewChildDraft).
  const addChild = () => navigate({ name: "newChild", rosterId: props.rosterId });

  return (
    <main class="split" classList={{ "has-detail": props.childId !== undefined || (props.draft === true && scope().edits) }}>
      <section class="list-pane" aria-labelledby="roster-title">
        <header class="pane-header">
          <div class="pane-title">
            <Link to={{ name: "rosters" }} class="back-link">
              ← {t("rosters.title")}
            </Link>
            <h1 id="roster-title" tabindex="-1" ref={(el) => props.childId === undefined && !props.draft && focusOnMount(el)}>
              {rosterName()}
            </h1>
          </div>
          <SyncIndicator connection={workspace().connection} />
          <div class="pane-actions">
            <span class="count" data-testid="list-count">
              {t("list.count", { shown: shownCount(), total: total() })}
            </span>
            <Show when={app.abilities().verifies}>
              <Link to={{ name: "verify", rosterId: props.rosterId }} class="button">
                {t("rosters.verifyQueue")}
              </Link>
            </Show>
            <Show when={scope().edits}>
              <button type="button" class="primary" onClick={addChild}>
                + {t("list.add")}
              </button>
            </Show>
          </div>
          <Show when={refusal()}>
            {(reason) => (
              <Banner tone="warning">
                <p data-testid="scope-refusal">{t(reason())}</p>
                <Show when={workspace().connection.pending() > 0}>
                  <p>{t("scope.refusedChanges", { n: workspace().connection.pending() })}</p>
                </Show>
              </Banner>
            )}
          </Show>
          <FilterBar filter={workspace().filter()} facets={snapshot().facets} onChange={(f) => workspace().setFilter(f)} />
        </header>
        <Show when={shown().length > 0} fallback={<p class="empty">{t("list.empty")}</p>}>
          <VirtualList items={shown()} rowHeight={ROW_HEIGHT} label={rosterName()} busy={snapshot().partial !== undefined}>
            {(row) => (
              <ChildListItem
                row={row}
                selected={row.child.id === props.childId}
                to={{ name: "child", rosterId: props.rosterId, childId: row.child.id }}
              />
            )}
          </VirtualList>
        </Show>
      </section>
      {/* Keyed: each child gets its own form, so a decision pending in one field (typed
          text a colleague saved over) is settled when that child's form closes. */}
      <Show when={props.childId} keyed>
        {(childId) => (
          <section class="detail-pane">
            <ChildEditor workspace={workspace()} rosterId={props.rosterId} childId={childId} locked={refusal()} />
          </section>
        )}
      </Show>
      <Show when={props.draft && scope().edits}>
        <section class="detail-pane">
          <NewChildDraft workspace={workspace()} rosterId={props.rosterId} />
        </section>
      </Show>
    </main>
  );
}

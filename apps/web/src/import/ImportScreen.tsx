import { createMemo, createResource, Match, onCleanup, Show, Switch } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { ToolsNav } from "../lists/ToolsNav";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { Link } from "../ui/router";
import { ImportFlow } from "./import-flow";
import { MappingTable } from "./MappingTable";
import { headerRows } from "./mapping-groups";
import { PlanPreview } from "./PlanPreview";
import { SheetChoice } from "./SheetChoice";
import { SpreadsheetClient } from "./spreadsheet-client";

const ACCEPT = ".xlsx,.xls,.csv,.txt,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv";

/**
 * Import a school or commune list into a roster, on the device (offline too): pick a
 * file → columns guessed (correctable) → preview → one change written into the roster.
 */
export function ImportScreen(props: { rosterId: string }) {
  const { t, pick } = useI18n();
  const app = useApp();
  const workspace = createMemo(() => app.workspace(props.rosterId));
  // The roster must be loaded from IndexedDB before a plan can match against it.
  const [loaded] = createResource(workspace, async (w) => {
    await w.connection.loaded;
    return true;
  });
  const client = new SpreadsheetClient();
  const flow = new ImportFlow({
    client,
    records: workspace().model.records,
    actor: app.actor,
    online: () => workspace().connection.status() === "online",
    onCommitted: () => workspace().model.refresh(),
  });
  onCleanup(() => {
    flow.dispose();
    client.close();
  });
  let picked: File | undefined;
  const rosterName = () => app.rosters().find((r) => r.id === props.rosterId)?.name ?? props.rosterId;
  const snapshot = () => workspace().model.snapshot();
  const childName = (id: string) => snapshot().byId.get(id)?.child.fullName ?? id;
  const guardianName = (id: string) => snapshot().guardians[id]?.fullName ?? id;
  const busyText = () => {
    const busy = flow.busy();
    if (!busy) return "";
    if (busy.step === "read") return t("import.reading");
    if (busy.step === "commit") return t("import.committing");
    return t("import.planning", { done: busy.done, total: busy.total });
  };
  const errorText = () => {
    const error = flow.error();
    if (!error) return "";
    if ("text" in error) return pick(error.text);
    if (error.key === "import.tooLargeOffline") return t(error.key, { n: error.n, max: error.max });
    return t(error.key, { message: error.detail });
  };
  const timings = () => flow.timings();

  return (
    <>
      <ToolsNav rosterId={props.rosterId} current="import" />
      <main class="tool-page" aria-labelledby="import-title">
        <h1 id="import-title">
          {t("import.title")} — {rosterName()}
        </h1>
        <Show when={app.abilities().edits} fallback={<Banner tone="info">{t("import.viewerOnly")}</Banner>}>
          <Show when={loaded()} fallback={<p class="empty">{t("lists.loading")}</p>}>
            <section class="import-pick">
              <label id="import-file-label" for="import-file">
                {t("import.pick")}
              </label>
              <input
                id="import-file"
                type="file"
                accept={ACCEPT}
                disabled={flow.busy()?.step === "commit"}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  if (!file) return;
                  picked = file;
                  void flow.pick(file);
                }}
              />
              <p class="hint">{t("import.pickHint")}</p>
              <Show when={flow.summary()}>
                {(summary) => (
                  <div class="file-facts" data-testid="import-file-facts">
                    <p>{t("import.file", { name: summary().fileName, sheet: summary().sheet, rows: summary().rowCount })}</p>
                    <Show when={summary().sheetNames.length > 1}>
                      <SheetChoice
                        summary={summary()}
                        disabled={flow.busy() !== null}
                        onChoose={(sheets) => {
                          if (picked) void flow.pickSheets(picked, sheets);
                        }}
                      />
                    </Show>
                    <Show when={summary().header} fallback={<p class="hint warning">{t("import.noHeader")}</p>}>
                      {(header) => <p class="hint">{t("import.headerAt", { rows: headerRows(header()) })}</p>}
                    </Show>
                    <Show when={summary().encoding}>{(encoding) => <p class="hint">{t("import.encoding", { encoding: encoding() })}</p>}</Show>
                  </div>
                )}
              </Show>
            </section>

            <Show when={flow.busy()}>
              {(busy) => (
                <div class="import-progress" role="status" aria-live="polite" data-testid="import-progress">
                  <span>{busyText()}</span>
                  {/* Without a total (reading, writing) the bar is indeterminate: no value at all. */}
                  <Show when={busy().total > 0} fallback={<progress aria-label={busyText()} />}>
                    <progress aria-label={busyText()} max={busy().total} value={busy().done} />
                  </Show>
                </div>
              )}
            </Show>
            <Show when={flow.error()}>
              <Banner tone="error" alert>
                {errorText()}
              </Banner>
            </Show>

            <Show when={flow.result()}>
              {(applied) => (
                <section class="import-done" data-testid="import-done" role="status">
                  <p class="ok">
                    {t("import.done", {
                      file: flow.summary()?.fileName ?? "",
                      added: applied().result.added,
                      updated: applied().result.updated,
                      rejected: applied().result.rejected.length,
                    })}
                  </p>
                  <p class="hint">{t("import.doneSync")}</p>
                  <div class="actions">
                    <Link to={{ name: "roster", rosterId: props.rosterId }} class="button">
                      {t("import.backToRoster")}
                    </Link>
                    <button type="button" onClick={() => flow.reset()}>
                      {t("import.again")}
                    </button>
                  </div>
                </section>
              )}
            </Show>

            <Show when={flow.summary() && !flow.result()}>
              <MappingTable flow={flow} />
            </Show>

            <Show when={flow.replanned()}>
              <Banner tone="warning" alert>
                {t("import.replanned")}
              </Banner>
            </Show>

            <Show when={flow.plan()}>
              {(plan) => (
                <>
                  <PlanPreview plan={plan()} childName={childName} guardianName={guardianName} />
                  <div class="commit-bar">
                    <Switch>
                      <Match when={plan().add.length + plan().update.length > 0}>
                        <button
                          type="button"
                          class="primary"
                          disabled={flow.busy() !== null}
                          onClick={() => void flow.commit()}
                        >
                          {t("import.commit")}
                        </button>
                        <span class="hint">{t("import.commitHint", { add: plan().add.length, update: plan().update.length })}</span>
                      </Match>
                      <Match when={true}>
                        <span class="hint">{t("import.nothing")}</span>
                      </Match>
                    </Switch>
                  </div>
                </>
              )}
            </Show>
            <Show when={timings()}>
              {(time) => (
                <span
                  hidden
                  data-testid="import-timings"
                  data-read-ms={Math.round(time().readMs)}
                  data-plan-ms={Math.round(time().planMs)}
                  data-rows={time().rows}
                />
              )}
            </Show>
          </Show>
        </Show>
      </main>
    </>
  );
}

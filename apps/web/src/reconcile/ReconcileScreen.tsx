import { createMemo, createResource, createSignal, Index, onCleanup, Show } from "solid-js";
import { isoDateInVietnam } from "@roster/rules";
import type { ReconcilePreview, ReconcileResult } from "@roster/schema";
import type { ColumnMapping } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import { SpreadsheetClient, SpreadsheetJobError, MappingProblemsError } from "../import/spreadsheet-client";
import type { ReadSummary } from "../import/worker-protocol";
import { ColumnTargetSelect } from "../import/ColumnTargetSelect";
import { columnLetter } from "../import/value-words";
import { ToolsNav } from "../lists/ToolsNav";
import { useApp } from "../session/app-services";
import { ApiError } from "../session/api-error";
import { Banner } from "../ui/Banner";
import { applyReconcile } from "./reconcile-api";
import { ReconcileGroups } from "./ReconcileGroups";
import { decisionsOf, initialSelection, type ReconcileSelection } from "./reconcile-selection";
import "./reconcile.css";

const ACCEPT = ".xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv";

type Busy = "read" | "match" | "apply";
const BUSY_TEXT: Record<Busy, MessageKey> = { read: "reconcile.reading", match: "reconcile.matching", apply: "reconcile.applying" };

/**
 * Police compare a roster with their extract of the national population database
 * (desktop first): the file is read and matched in the spreadsheet worker against the
 * roster on this device; police tick what to verify, which national values to take and
 * which children to add; the server then matches the file again against the roster as it
 * is and carries out what still holds.
 */
export function ReconcileScreen(props: { rosterId: string }) {
  const { t, pick } = useI18n();
  const app = useApp();
  const workspace = createMemo(() => app.workspace(props.rosterId));
  const [loaded] = createResource(workspace, async (w) => {
    await w.connection.loaded;
    return true;
  });
  const client = new SpreadsheetClient();
  onCleanup(() => client.close());
  const [file, setFile] = createSignal<File>();
  const [summary, setSummary] = createSignal<ReadSummary>();
  const [mapping, setMapping] = createSignal<ColumnMapping>([]);
  const [preview, setPreview] = createSignal<ReconcilePreview>();
  const [selection, setSelection] = createSignal<ReconcileSelection>();
  const [busy, setBusy] = createSignal<Busy | null>(null);
  const [error, setError] = createSignal<string>();
  const [result, setResult] = createSignal<ReconcileResult>();
  const online = () => workspace().connection.status() === "online";
  const rosterName = () => app.rosters().find((r) => r.id === props.rosterId)?.name ?? props.rosterId;

  const failed = (caught: unknown) => {
    if (caught instanceof MappingProblemsError) return caught.problems.map(pick).join("; ");
    if (caught instanceof SpreadsheetJobError && caught.text) return pick(caught.text);
    if (caught instanceof ApiError && caught.isNetwork) return t("reconcile.offline");
    return t("reconcile.failed", { message: caught instanceof Error ? caught.message : String(caught) });
  };

  async function match(): Promise<void> {
    const read = summary();
    if (!read) return;
    setBusy("match");
    setError(undefined);
    try {
      const records = workspace().model.records;
      const roster = { children: records.listChildren({ includeRemoved: true }), guardians: records.guardiansById() };
      const answer = await client.reconcile({ mapping: mapping(), header: read.header, roster, asOf: isoDateInVietnam(new Date()) });
      setPreview(answer.preview);
      setSelection(initialSelection(answer.preview));
    } catch (caught) {
      setPreview(undefined);
      setError(failed(caught));
    } finally {
      setBusy(null);
    }
  }

  async function pickFile(picked: File): Promise<void> {
    setFile(picked);
    setResult(undefined);
    setPreview(undefined);
    setBusy("read");
    setError(undefined);
    try {
      const read = await client.read(await picked.arrayBuffer(), picked.name);
      setSummary(read);
      setMapping(read.mapping);
    } catch (caught) {
      setSummary(undefined);
      setError(failed(caught));
      setBusy(null);
      return;
    }
    await match();
  }

  async function apply(): Promise<void> {
    const picked = file();
    const chosen = selection();
    if (!picked || !chosen) return;
    setBusy("apply");
    setError(undefined);
    try {
      setResult(await applyReconcile(app.session()?.token ?? "", props.rosterId, picked, mapping(), decisionsOf(chosen)));
      setPreview(undefined);
    } catch (caught) {
      setError(failed(caught));
    } finally {
      setBusy(null);
    }
  }

  const counts = () => {
    const decisions = selection() ? decisionsOf(selection()!) : undefined;
    return { verify: decisions?.verify.length ?? 0, accept: decisions?.accept.length ?? 0, add: decisions?.add.length ?? 0 };
  };

  return (
    <>
      <ToolsNav rosterId={props.rosterId} current="reconcile" />
      <main class="tool-page reconcile-page" aria-labelledby="reconcile-title">
        <h1 id="reconcile-title" tabindex="-1">
          {t("reconcile.title")} — {rosterName()}
        </h1>
        <Show when={app.abilities().verifies} fallback={<Banner tone="info">{t("reconcile.policeOnly")}</Banner>}>
          <Show when={loaded()} fallback={<p class="empty">{t("lists.loading")}</p>}>
            <section class="import-pick">
              <label for="reconcile-file">{t("reconcile.pick")}</label>
              <input
                id="reconcile-file"
                type="file"
                accept={ACCEPT}
                disabled={busy() === "apply"}
                onChange={(event) => {
                  const picked = event.currentTarget.files?.[0];
                  if (picked) void pickFile(picked);
                }}
              />
              <p class="hint">{t("reconcile.pickHint")}</p>
            </section>

            <Show when={busy()}>
              {(state) => (
                <div class="import-progress" role="status" aria-live="polite" data-testid="reconcile-progress">
                  <span>{t(BUSY_TEXT[state()])}</span>
                  <progress aria-label={t(BUSY_TEXT[state()])} />
                </div>
              )}
            </Show>
            <Show when={error()}>
              {(message) => (
                <Banner tone="error" alert>
                  {message()}
                </Banner>
              )}
            </Show>

            <Show when={result()}>
              {(done) => (
                <section class="import-done" data-testid="reconcile-done" role="status">
                  <p class="ok">{t("reconcile.done", { verified: done().verified, updated: done().updated, added: done().added })}</p>
                  <Show when={done().refused.length > 0}>
                    <p>{t("reconcile.refused", { n: done().refused.length })}</p>
                    <ul class="refusals" data-testid="reconcile-refused">
                      <Index each={done().refused}>
                        {(refusal) => (
                          <li>
                            <strong>{workspace().model.records.getChild(refusal().childId)?.fullName ?? refusal().childId}</strong>: {pick(refusal().reason)}
                          </li>
                        )}
                      </Index>
                    </ul>
                  </Show>
                </section>
              )}
            </Show>

            <Show when={summary() && !result()}>
              <section class="import-section" aria-labelledby="reconcile-columns-title">
                <h2 id="reconcile-columns-title">{t("reconcile.columns")}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="reconcile-columns-title">
                  <table class="import-table mapping-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("import.column")}</th>
                        <th scope="col">{t("import.header")}</th>
                        <th scope="col">{t("import.samples")}</th>
                        <th scope="col">{t("import.target")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <Index each={mapping()}>
                        {(target, index) => {
                          const header = () => summary()?.header?.cells[index] ?? "";
                          return (
                            <tr classList={{ unmapped: target() === null }}>
                              <td class="letter">{columnLetter(index)}</td>
                              <td class="header-text">{header()}</td>
                              <td class="samples">{(summary()?.samples[index] ?? []).join(" · ")}</td>
                              <td>
                                <ColumnTargetSelect
                                  column={columnLetter(index)}
                                  header={header()}
                                  targets={summary()?.targets ?? []}
                                  value={target()}
                                  disabled={busy() !== null}
                                  onChange={(next) => {
                                    setMapping((old) => old.map((t, i) => (i === index ? next : t)));
                                    void match();
                                  }}
                                />
                              </td>
                            </tr>
                          );
                        }}
                      </Index>
                    </tbody>
                  </table>
                </div>
              </section>
            </Show>

            <Show when={preview() && selection() && !result()}>
              <ReconcileGroups
                preview={preview()!}
                selection={selection()!}
                onChange={setSelection}
                childName={(id) => workspace().model.records.getChild(id)?.fullName ?? id}
                rosterId={props.rosterId}
              />
              <div class="commit-bar">
                <button
                  type="button"
                  class="primary"
                  data-testid="reconcile-apply"
                  disabled={busy() !== null || !online() || counts().verify + counts().accept + counts().add === 0}
                  onClick={() => void apply()}
                >
                  {t("reconcile.apply", counts())}
                </button>
                <Show when={!online()}>
                  <span class="hint warning">{t("reconcile.offline")}</span>
                </Show>
              </div>
            </Show>
          </Show>
        </Show>
      </main>
    </>
  );
}

import { createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { isoDateInVietnam } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import { SpreadsheetClient, SpreadsheetJobError } from "../import/spreadsheet-client";
import type { ExportFormat, ExportList } from "@roster/schema";
import { loadCachedProgress } from "../progress/progress-cache";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { countWith, listData, listFileName, verifiedIds } from "./list-data";
import { MIME, saveFile } from "./save-file";
import { readTool, writeTool } from "./tools-db";
import { ToolsNav } from "./ToolsNav";

const COMMUNE_KEY = "handover.commune";

// Phone browsers print the whole page rather than a frame: there the document opens as a
// page of its own (a Blob URL, so offline too) and is printed from the browser's menu.
function openInTab(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  window.open(url, "_blank", "noopener");
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The lists of the cleaning procedure, made on the device from the roster it holds
 * (offline too): step 1 problems, step 3 handover (printable A4 and XLSX), step 4 cleaned data.
 */
export function ListsScreen(props: { rosterId: string }) {
  const { t, pick } = useI18n();
  const app = useApp();
  const client = new SpreadsheetClient();
  onCleanup(() => client.close());
  const today = isoDateInVietnam(new Date());

  const workspace = createMemo(() => app.workspace(props.rosterId));
  const [loaded] = createResource(workspace, async (w) => {
    await w.connection.loaded;
    return true;
  });
  const snapshot = () => workspace().model.snapshot();
  const rosterName = (id: string) =>
    app.rosters().find((r) => r.id === id)?.name ?? (id === props.rosterId ? workspace().model.review.meta()?.name : undefined) ?? id;

  const [handoverId, setHandoverId] = createSignal(props.rosterId);
  const handoverWorkspace = createMemo(() => app.workspace(handoverId()));
  const [handoverLoaded] = createResource(handoverWorkspace, async (w) => {
    await w.connection.loaded;
    return true;
  });
  const handoverSnapshot = () => handoverWorkspace().model.snapshot();
  const [commune, setCommune] = createSignal("");
  const [date, setDate] = createSignal(today);
  // The name typed last time, else the commune's name from the last progress report.
  void (async () => {
    const saved = await readTool(COMMUNE_KEY);
    const fallback = (await loadCachedProgress())?.report.communeName;
    const name = typeof saved === "string" && saved !== "" ? saved : fallback;
    if (name && commune() === "") setCommune(name);
  })();

  const [busy, setBusy] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<{ tone: "info" | "error"; text: string } | null>(null);
  const [printHtml, setPrintHtml] = createSignal<string | null>(null);
  let frame: HTMLIFrameElement | undefined;

  const make = async (kind: ExportList, format: ExportFormat) => {
    const isHandover = kind === "handover";
    const source = isHandover ? handoverSnapshot() : snapshot();
    const rosterId = isHandover ? handoverId() : props.rosterId;
    setBusy(`${kind}.${format}`);
    setNotice(null);
    try {
      const output = await client.list({
        kind,
        format,
        data: listData(source),
        village: rosterName(rosterId),
        commune: commune().trim(),
        asOf: today,
        ...(isHandover
          ? { handover: { village: rosterName(rosterId), commune: commune().trim(), date: date(), verified: verifiedIds(source) } }
          : {}),
      });
      if (output.format === "html") {
        setPrintHtml(output.html);
        return;
      }
      const file = listFileName(kind, rosterId, isHandover ? date() : today, output.format);
      saveFile(output.bytes, file, MIME[output.format]);
      setNotice({ tone: "info", text: t("lists.saved", { file, n: output.rows }) });
    } catch (error) {
      const text = error instanceof SpreadsheetJobError && error.text ? pick(error.text) : (error as Error).message;
      setNotice({ tone: "error", text: t("lists.failed", { message: text }) });
    } finally {
      setBusy(null);
    }
  };

  const button = (kind: ExportList, format: ExportFormat, label: string, disabled: () => boolean = () => false) => (
    <button
      type="button"
      class={format === "html" ? "primary" : undefined}
      disabled={busy() !== null || disabled()}
      aria-busy={busy() === `${kind}.${format}`}
      data-list={`${kind}.${format}`}
      onClick={() => void make(kind, format)}
    >
      {label}
    </button>
  );

  const handoverCount = () => (handoverLoaded() ? countWith(handoverSnapshot(), "verified") : 0);
  const communeMissing = () => commune().trim() === "";

  return (
    <>
      <ToolsNav rosterId={props.rosterId} current="lists" />
      <main class="tool-page" aria-labelledby="lists-title">
        <h1 id="lists-title">
          {t("lists.title")} — {rosterName(props.rosterId)}
        </h1>
        <p class="hint">{t("lists.hint")}</p>
        <Show when={busy()}>
          <p role="status" class="hint">
            {t("lists.busy")}
          </p>
        </Show>
        <Show when={notice()}>
          {(n) => (
            <Banner tone={n().tone} alert={n().tone === "error"}>
              {n().text}
            </Banner>
          )}
        </Show>
        <Show when={loaded()} fallback={<p class="empty">{t("lists.loading")}</p>}>
          <section aria-labelledby="lists-problems">
            <h2 id="lists-problems">{t("lists.problems")}</h2>
            <p class="hint" data-testid="problems-count">
              {t("lists.problemsHint", { n: countWith(snapshot(), "needs-fix") })}
            </p>
            <div class="actions">
              {button("problems", "xlsx", t("lists.xlsx"))}
            </div>
          </section>

          <section aria-labelledby="lists-handover">
            <h2 id="lists-handover">{t("lists.handover")}</h2>
            <div class="field-grid">
              <div>
                <label for="handover-village">{t("lists.village")}</label>
                <select
                  id="handover-village"
                  value={handoverId()}
                  onChange={(event) => {
                    setHandoverId(event.currentTarget.value);
                    setPrintHtml(null);
                  }}
                >
                  <Show when={!app.rosters().some((r) => r.id === props.rosterId)}>
                    <option value={props.rosterId}>{rosterName(props.rosterId)}</option>
                  </Show>
                  <For each={app.rosters()}>{(roster) => <option value={roster.id}>{roster.name}</option>}</For>
                </select>
              </div>
              <div>
                <label for="handover-commune">{t("lists.commune")}</label>
                <input
                  id="handover-commune"
                  value={commune()}
                  placeholder={t("lists.communePlaceholder")}
                  required
                  aria-invalid={communeMissing()}
                  onChange={(event) => {
                    setCommune(event.currentTarget.value);
                    void writeTool(COMMUNE_KEY, event.currentTarget.value.trim());
                  }}
                />
              </div>
              <div>
                <label for="handover-date">{t("lists.date")}</label>
                <input id="handover-date" type="date" value={date()} onChange={(event) => setDate(event.currentTarget.value || today)} />
              </div>
            </div>
            <p class="hint" data-testid="handover-count">
              {t("lists.handoverHint", { n: handoverCount() })}
            </p>
            <div class="actions">
              {button("handover", "html", t("lists.print"), () => communeMissing() || !handoverLoaded())}
              {button("handover", "xlsx", t("lists.xlsx"), () => communeMissing() || !handoverLoaded())}
            </div>
            <Show when={printHtml()}>
              {(html) => (
                <div class="print-view">
                  <div class="actions">
                    <button type="button" class="primary" onClick={() => frame?.contentWindow?.print()}>
                      {t("lists.printNow")}
                    </button>
                    <button type="button" onClick={() => openInTab(html())}>
                      {t("lists.openTab")}
                    </button>
                    <button type="button" onClick={() => setPrintHtml(null)}>
                      {t("lists.closePrint")}
                    </button>
                  </div>
                  <iframe
                    ref={(el) => (frame = el)}
                    title={t("lists.printFrame")}
                    data-testid="handover-print"
                    sandbox="allow-same-origin allow-modals"
                    srcdoc={html()}
                  />
                </div>
              )}
            </Show>
          </section>

          <section aria-labelledby="lists-cleaned">
            <h2 id="lists-cleaned">{t("lists.cleaned")}</h2>
            <p class="hint" data-testid="cleaned-count">
              {t("lists.cleanedHint", { n: countWith(snapshot()) })}
            </p>
            <div class="actions">
              {button("cleaned", "xlsx", t("lists.xlsx"))}
              {button("cleaned", "csv", t("lists.csv"))}
            </div>
            <p class="hint">{t("lists.csvHint")}</p>
          </section>
        </Show>
      </main>
    </>
  );
}

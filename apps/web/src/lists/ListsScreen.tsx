import { createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { isoDateInVietnam } from "@roster/rules";
import { useI18n } from "../i18n/i18n-context";
import { SpreadsheetClient, SpreadsheetJobError } from "../import/spreadsheet-client";
import type { ExportFormat, ExportList } from "@roster/schema";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { Link } from "../ui/router";
import { countToVerify, countWith, listData, listFileName, verifiedIds } from "./list-data";
import { MIME, saveFile } from "./save-file";
import { ToolsNav } from "./ToolsNav";
import { DayFirstDateInput } from "../ui/DayFirstDateInput";

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
  // A name people read, never an internal id: the server's list of rosters, else the name
  // the roster's review document carries (kept on the device, offline too).
  const rosterName = (id: string) => {
    const listed = app.rosters().find((r) => r.id === id)?.name;
    if (listed) return listed;
    const model = app.workspace(id).model;
    model.snapshot(); // follows the review document
    return model.review.meta()?.name ?? id;
  };

  const [handoverId, setHandoverId] = createSignal(props.rosterId);
  const handoverWorkspace = createMemo(() => app.workspace(handoverId()));
  const [handoverLoaded] = createResource(handoverWorkspace, async (w) => {
    await w.connection.loaded;
    return true;
  });
  const handoverSnapshot = () => handoverWorkspace().model.snapshot();
  // The commune's name as the server knows it (the review document carries it).
  const commune = () => {
    handoverSnapshot();
    return handoverWorkspace().model.review.meta()?.communeName ?? "";
  };
  const [date, setDate] = createSignal(today);

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

          <section aria-labelledby="lists-step2">
            <h2 id="lists-step2">{t("lists.step2")}</h2>
            <p class="hint">{t("lists.step2Hint")}</p>
            <p class="hint" data-testid="step2-count">
              {t("lists.step2Count", { n: countToVerify(snapshot()) })}
            </p>
            <div class="actions">
              <Link to={{ name: "verify", rosterId: props.rosterId }} class="button">
                {t("lists.step2Link")}
              </Link>
              <Show when={app.abilities().verifies}>
                <Link to={{ name: "reconcile", rosterId: props.rosterId }} class="button">
                  {t("lists.step2Reconcile")}
                </Link>
              </Show>
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
                  <For each={app.rosters()}>{(roster) => <option value={roster.id}>{roster.name || rosterName(roster.id)}</option>}</For>
                </select>
              </div>
              <div class="known-value">
                <span class="known-label">{t("lists.communeLabel")}</span>
                <p data-testid="handover-commune">{communeMissing() ? t("lists.communeUnknown") : commune()}</p>
              </div>
              <div>
                <label for="handover-date">{t("lists.date")}</label>
                <DayFirstDateInput id="handover-date" value={date()} onValue={(iso) => setDate(iso || today)} />
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
              {t("lists.cleanedVerifiedHint", { n: countWith(snapshot(), "verified") })}
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

import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { CAMPAIGN_PERCENT_KEYS } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { saveFile } from "../lists/save-file";
import { ToolsNav } from "../lists/ToolsNav";
import { useApp } from "../session/app-services";
import { ApiError } from "../session/api-error";
import { Banner } from "../ui/Banner";
import { loadCachedProgress, saveProgress, type CachedProgress } from "./progress-cache";
import { fetchProgress, fetchReportFile, REPORT_PATHS } from "./progress-api";
import { ProgressChart } from "./ProgressChart";
import type { CountKey, PercentKey } from "./progress-math";
import { ProgressTable } from "./ProgressTable";

// Shares of all children and shares of the children in campaign age never share a row.
const STATUS_METRICS: readonly CountKey[] = ["children", "clean", "needsFix", "verified"];
const CAMPAIGN_METRICS: readonly CountKey[] = ["inCampaignAge", ...CAMPAIGN_PERCENT_KEYS];

/**
 * The commune's campaign figures per village and in total with percentages, the daily
 * series against the weekly target, and the server's report files. The last report is
 * kept on the device and shown, with its date, when the server cannot be reached.
 */
export function ProgressScreen() {
  const { t, date, time } = useI18n();
  const app = useApp();
  const [data, setData] = createSignal<CachedProgress | null>(null);
  const [fresh, setFresh] = createSignal(false);
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<string | null>(null);
  const [metric, setMetric] = createSignal<PercentKey>("vneidLevel2");
  const [followUpRoster, setFollowUpRoster] = createSignal("");
  const [download, setDownload] = createSignal<string | null>(null);
  const [online, setOnline] = createSignal(navigator.onLine);
  const onNetwork = () => setOnline(navigator.onLine);
  window.addEventListener("online", onNetwork);
  window.addEventListener("offline", onNetwork);
  onCleanup(() => {
    window.removeEventListener("online", onNetwork);
    window.removeEventListener("offline", onNetwork);
  });

  const message = (e: unknown) => (e instanceof ApiError && e.isNetwork ? t("error.network") : e instanceof Error ? e.message : t("error.unknown"));

  const refresh = async () => {
    const token = app.session()?.token;
    setLoading(true);
    setError(null);
    try {
      if (!token) throw new ApiError(0, "network", "no session");
      const report = await fetchProgress(token);
      setData(await saveProgress(report));
      setFresh(true);
    } catch (e) {
      setFresh(false);
      setError(message(e));
    } finally {
      setLoading(false);
    }
  };

  onMount(() => {
    void (async () => {
      const cached = await loadCachedProgress();
      if (cached && !data()) setData(cached);
      await refresh();
    })();
  });

  const rosterOptions = () => {
    const fromReport = data()?.report.rosters ?? [];
    return fromReport.length > 0 ? fromReport : app.rosters().map((r) => ({ rosterId: r.id, name: r.name }));
  };
  const followUpId = () => followUpRoster() || rosterOptions()[0]?.rosterId || "";
  const getFile = async (key: string, path: string, fallback: string) => {
    const token = app.session()?.token;
    if (!token) return;
    setDownload(key);
    setError(null);
    try {
      const { blob, fileName } = await fetchReportFile(token, path, fallback);
      saveFile(blob, fileName, blob.type);
    } catch (e) {
      setError(t("progress.downloadFailed", { message: message(e) }));
    } finally {
      setDownload(null);
    }
  };

  return (
    <>
      <ToolsNav current="progress" />
      <main class="tool-page" aria-labelledby="progress-title">
        <h1 id="progress-title">
          {t("progress.title")}
          <Show when={data()?.report.communeName}>{(name) => <> — {name()}</>}</Show>
        </h1>
        <Show when={loading() && !data()}>
          <p class="empty" role="status">
            {t("progress.loading")}
          </p>
        </Show>
        <Show when={error()}>
          {(text) => (
            <Show
              when={data() && !fresh()}
              fallback={
                <Banner tone="error" alert>
                  {data() ? text() : `${t("progress.failed", { message: text() })} ${t("progress.none")}`}
                </Banner>
              }
            >
              <Banner tone="warning">
                <span data-testid="progress-cached">{t("progress.cached", { time: time(data()!.savedAt) })}</span>
              </Banner>
            </Show>
          )}
        </Show>
        <Show when={data()}>
          {(cached) => (
            <>
              <div class="actions">
                <p class="hint" data-testid="progress-as-of">
                  {t("progress.asOf", { date: date(cached().report.asOf) })}
                </p>
                <button type="button" onClick={() => void refresh()} disabled={loading()}>
                  {t("progress.refresh")}
                </button>
              </div>

              <ProgressTable
                id="progress-table-status"
                title={t("progress.byVillageStatus")}
                caption={t("progress.captionStatus")}
                metrics={STATUS_METRICS}
                rosters={cached().report.rosters}
                total={cached().report.total}
              />
              <ProgressTable
                id="progress-table-campaign"
                title={t("progress.byVillageCampaign")}
                caption={t("progress.captionCampaign")}
                metrics={CAMPAIGN_METRICS}
                rosters={cached().report.rosters}
                total={cached().report.total}
              />

              <section aria-labelledby="progress-chart-title">
                <h2 id="progress-chart-title">{t("progress.chart", { target: cached().report.weeklyTargetPercent })}</h2>
                <label for="progress-metric">{t("progress.chartMetric")}</label>
                <select id="progress-metric" value={metric()} onChange={(e) => setMetric(e.currentTarget.value as PercentKey)}>
                  <For each={CAMPAIGN_PERCENT_KEYS}>{(key) => <option value={key}>{t(`progress.metric.${key}`)}</option>}</For>
                </select>
                <ProgressChart daily={cached().report.daily} metric={metric()} weeklyTarget={cached().report.weeklyTargetPercent} />
              </section>
            </>
          )}
        </Show>

        <section aria-labelledby="progress-downloads">
          <h2 id="progress-downloads">{t("progress.downloads")}</h2>
          <Show when={!online()}>
            <p class="hint warning">{t("progress.downloadOffline")}</p>
          </Show>
          <div class="actions">
            <button
              type="button"
              disabled={!online() || download() !== null}
              aria-busy={download() === "daily"}
              onClick={() => void getFile("daily", REPORT_PATHS.dailyReport, `bao-cao-ngay-${data()?.report.asOf ?? ""}.xlsx`)}
            >
              {t("progress.dailyReport")}
            </button>
          </div>
          <div class="field-grid">
            <div>
              <label for="follow-up-roster">{t("progress.followUpRoster")}</label>
              <select id="follow-up-roster" value={followUpId()} onChange={(e) => setFollowUpRoster(e.currentTarget.value)}>
                <For each={rosterOptions()}>
                  {(r) => <option value={r.rosterId}>{r.name}</option>}
                </For>
              </select>
            </div>
          </div>
          <div class="actions">
            <button
              type="button"
              disabled={!online() || download() !== null || followUpId() === ""}
              aria-busy={download() === "follow-up"}
              onClick={() => {
                const id = followUpId();
                if (id) void getFile("follow-up", REPORT_PATHS.followUp(id), `danh-sach-don-doc-${id}.xlsx`);
              }}
            >
              {t("progress.followUp")}
            </button>
          </div>
        </section>
      </main>
    </>
  );
}

import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { ProvinceProgressSchema, type CampaignCounts } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { saveFile } from "../lists/save-file";
import { ProgressChart } from "../progress/ProgressChart";
import { fetchReportFile } from "../progress/progress-api";
import { shareOf, type PercentKey } from "../progress/progress-math";
import { apiRequest } from "../session/api-client";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";

const COLUMNS = ["children", "verified", "needsFix", "vneidLevel2", "healthBook", "idCardApplied"] as const satisfies readonly (keyof CampaignCounts)[];

/**
 * The province's desktop dashboard: every commune it serves (behind the weekly target
 * first), each one's figures as the commune reports them, the daily chart, and the one
 * daily XLSX across communes. Counts only: the server sends no personal data here.
 */
export function ProvinceScreen() {
  const { t } = useI18n();
  const app = useApp();
  const token = () => app.session()?.token ?? "";
  const [report] = createResource(token, (tok) => apiRequest("/api/province/progress", { token: tok, schema: ProvinceProgressSchema }));
  const [shown, setShown] = createSignal("");
  const [metric, setMetric] = createSignal<PercentKey>("healthBook");
  const [error, setError] = createSignal<string | null>(null);
  const chartOf = createMemo(() => {
    const r = report();
    if (!r) return undefined;
    const commune = r.communes.find((c) => c.commune === shown());
    return commune ? { daily: commune.daily, title: commune.communeName ?? commune.commune } : { daily: r.daily, title: r.provinceName };
  });
  const download = async () => {
    setError(null);
    try {
      const { blob, fileName } = await fetchReportFile(token(), "/api/province/daily-report.xlsx", "bao-cao-ngay.xlsx");
      saveFile(blob, fileName, blob.type);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const cell = (counts: CampaignCounts, key: (typeof COLUMNS)[number]) => {
    const share = shareOf(counts, key);
    return share === null ? `${counts[key]}` : `${counts[key]} (${t("progress.percent", { percent: share })})`;
  };

  return (
    <main class="page province-screen">
      <Show when={report.error}>
        <Banner tone="error" alert>
          {(report.error as Error).message}
        </Banner>
      </Show>
      <Show when={error()}>
        <Banner tone="error" alert>
          {error()}
        </Banner>
      </Show>
      <Show when={report()} fallback={<p class="empty">{t("app.loading")}</p>}>
        {(r) => (
          <>
            <h1>{t("province.title", { province: r().provinceName })}</h1>
            <p class="hint">{t("province.intro", { n: r().communes.length, target: r().weeklyTargetPercent })}</p>
            <button type="button" onClick={() => void download()}>
              {t("province.download")}
            </button>
            <table class="admin-table province-table" data-testid="province-communes">
              <caption>{t("province.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("province.commune")}</th>
                  <For each={COLUMNS}>{(key) => <th scope="col">{t(`progress.metric.${key}`)}</th>}</For>
                  <th scope="col">{t("province.weekGain")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={r().communes}>
                  {(c) => (
                    <tr data-commune={c.commune} classList={{ behind: c.behindTarget }}>
                      <th scope="row">
                        <button type="button" class="link-button" aria-pressed={shown() === c.commune} onClick={() => setShown(shown() === c.commune ? "" : c.commune)}>
                          {c.communeName ?? c.commune}
                        </button>
                        <Show when={c.behindTarget}>
                          {" "}
                          <span class="badge badge-behind">{t("province.behind")}</span>
                        </Show>
                      </th>
                      <For each={COLUMNS}>{(key) => <td>{cell(c.total, key)}</td>}</For>
                      <td>{c.weekGainPercent === null ? "—" : t("progress.percent", { percent: c.weekGainPercent })}</td>
                    </tr>
                  )}
                </For>
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("province.total")}</th>
                  <For each={COLUMNS}>{(key) => <td>{cell(r().total, key)}</td>}</For>
                  <td />
                </tr>
              </tfoot>
            </table>
            <Show when={chartOf()}>
              {(chart) => (
                <section aria-labelledby="province-chart-title">
                  <h2 id="province-chart-title">{t("province.chartOf", { name: chart().title })}</h2>
                  <label for="province-metric">{t("province.metric")}</label>{" "}
                  <select id="province-metric" value={metric()} onChange={(e) => setMetric(e.currentTarget.value as PercentKey)}>
                    <For each={["healthBook", "vneidLevel2", "validPid", "idCardApplied", "idCardIssued", "residenceRegistered"] as PercentKey[]}>
                      {(key) => <option value={key}>{t(`progress.metric.${key}`)}</option>}
                    </For>
                  </select>
                  <ProgressChart daily={chart().daily} metric={metric()} weeklyTarget={r().weeklyTargetPercent} />
                </section>
              )}
            </Show>
          </>
        )}
      </Show>
    </main>
  );
}

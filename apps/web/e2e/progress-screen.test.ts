// The commune's campaign progress: figures per village and in total with percentages,
// the daily series drawn against the weekly target, the server's daily report, and the
// last figures kept on the device for viewing without a network.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressReportSchema } from "@roster/schema";
import { apiLogin } from "./support/api";
import { DESK, PHONE, login, newDevice, screenshot, waitServiceWorker } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { startWorld, type NetWorld } from "./support/world";

describe("campaign progress", () => {
  let world: NetWorld;

  beforeAll(async () => {
    world = await startWorld({
      net: true,
      seed: (records) => {
        records.doc.transact(() => {
          const mother = records.createGuardian(MOTHER);
          records.createChild({ ...cleanChild(mother), vneid: "level2", healthBook: true });
          records.createChild(CHILD_TO_FIX);
        });
      },
      expectChildren: 2,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("shows the figures with percentages and a chart, and the saved figures offline", async () => {
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const report = ProgressReportSchema.parse(
      await (await fetch(`${world.server.url}/api/progress`, { headers: { authorization: `Bearer ${token}` } })).json(),
    );
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    await login(page, world.net.url, USERS.admin, PASSWORD);
    await waitServiceWorker(page);
    await page.getByRole("navigation", { name: "Công cụ của thôn" }).getByRole("link", { name: "Tiến độ" }).click();
    // Shares of all children and of the children aged 6 to under 14 are in separate tables.
    const table = page.getByTestId("progress-table-status");
    const campaign = page.getByTestId("progress-table-campaign");
    await table.waitFor();
    expect(await table.locator('td[data-metric="vneidLevel2"]').count()).toBe(0);
    expect(await campaign.locator('td[data-metric="clean"]').count()).toBe(0);
    const row = table.locator(`tr[data-roster="${ROSTER}"]`);
    expect(await row.locator("th").textContent()).toBe("Thôn Đông");
    const counts = report.rosters.find((r) => r.rosterId === ROSTER)!.counts;
    expect(await row.locator('td[data-metric="children"]').textContent()).toBe(String(counts.children));
    const level2 = Math.round((counts.vneidLevel2 / counts.inCampaignAge) * 1000) / 10;
    expect(await campaign.locator(`tr[data-roster="${ROSTER}"] td[data-metric="vneidLevel2"] .share`).textContent()).toBe(`${level2}%`);
    expect(await table.locator('tr[data-roster="total"] td[data-metric="children"]').textContent()).toBe(String(report.total.children));
    // One day of figures so far: its point, and the target line a week ahead.
    const chart = page.getByTestId("progress-chart");
    await chart.locator("circle.actual-dot").first().waitFor();
    expect(await chart.locator("circle.actual-dot").count()).toBe(report.daily.length);
    expect((await chart.locator("polyline.target").getAttribute("points"))?.split(" ")).toHaveLength(2);
    expect(await chart.locator("desc").textContent()).toContain("Tài khoản định danh mức 2");
    await screenshot(page, "desk-progress-1366x768");

    // The daily report comes from the server (one XLSX template).
    const [report1] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải báo cáo ngày (Excel)" }).click()]);
    expect(report1.suggestedFilename()).toMatch(/\.xlsx$/);
    const { readFile } = await import("node:fs/promises");
    expect((await readFile(await report1.path())).subarray(0, 2).toString()).toBe("PK");
    const [followUp] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải danh sách trẻ cần đôn đốc (Excel)" }).click()]);
    expect(followUp.suggestedFilename()).toMatch(/\.xlsx$/);

    // Without a network the saved figures are shown, with the time they were saved.
    world.net.offline();
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("progress-cached").waitFor();
    expect(await table.locator(`tr[data-roster="${ROSTER}"] td[data-metric="children"]`).textContent()).toBe(String(counts.children));
    await page.setViewportSize(PHONE);
    await screenshot(page, "phone-progress-offline-390x844");
    await context.close();
  });
});

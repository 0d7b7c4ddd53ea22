// A hamlet head on a phone without signal: edits two children, adds one, closes and
// reopens the app offline, then the signal returns and the server has everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { PHONE, login, newDevice, pendingShown, screenshot, waitStatus, waitAllSent, waitServiceWorker } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { startWorld, type NetWorld } from "./support/world";

describe("offline field work on a phone", () => {
  let world: NetWorld;

  beforeAll(async () => {
    world = await startWorld({
      net: true,
      seed: (records) => {
        records.doc.transact(() => {
          const mother = records.createGuardian(MOTHER);
          records.createChild(cleanChild(mother));
          records.createChild(CHILD_TO_FIX);
        });
      },
      expectChildren: 2,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("keeps offline edits through a reload and sends them when the signal returns", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.net.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("2 / 2");
    await waitAllSent(page);
    await waitServiceWorker(page);
    await screenshot(page, "phone-roster-390x844");

    // The signal goes.
    world.net.offline();
    await context.setOffline(true);
    await waitStatus(page, "offline");

    // Search without diacritics, open the child, fix the date of birth.
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("lo thi mai");
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("1 / 2");
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await expect.poll(() => page.locator('[data-field="child-dob"] .finding').first().textContent()).toContain("Chưa có ngày sinh");
    await page.locator("#child-dob").fill("05/11/2014");
    await page.locator("#child-dob").press("Tab");
    await expect.poll(() => page.locator('[data-field="child-dob"] .finding').count()).toBe(0);

    // Add the mother with her ID number.
    const motherCard = page.locator('fieldset[data-role="mother"]');
    await motherCard.getByRole("button", { name: "Thêm người mới" }).click();
    await motherCard.locator("#guardian-mother-fullName").fill("Lường Thị Xuân");
    await motherCard.locator("#guardian-mother-fullName").press("Tab");
    await motherCard.locator("#guardian-mother-pid").fill("014190001234");
    await motherCard.locator("#guardian-mother-pid").press("Tab");
    await screenshot(page, "phone-child-offline-390x844");

    // Back to the list: edit the other child, then add a child nobody listed.
    await page.getByRole("link", { name: /Quay lại/ }).first().click();
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("nguyen van an");
    await page.getByRole("link", { name: /Nguyễn Văn An/ }).click();
    await page.locator("#child-grade").fill("6A");
    await page.locator("#child-grade").press("Tab");
    await page.getByRole("link", { name: /Quay lại/ }).first().click();
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("");
    await page.getByRole("button", { name: /Thêm trẻ/ }).click();
    // A new child is a draft until it has a name; Enter adds it to the roster.
    await page.locator("#draft-fullName").fill("Quàng Văn Tú");
    await page.locator("#draft-fullName").press("Enter");
    await page.getByRole("heading", { name: "Quàng Văn Tú" }).waitFor();
    const pendingOffline = await pendingShown(page);
    expect(pendingOffline).toBeGreaterThanOrEqual(5);

    // Close and reopen the app without a network: shell from the service worker,
    // records from IndexedDB, the waiting count kept.
    await page.reload();
    await page.getByRole("heading", { name: "Quàng Văn Tú" }).waitFor();
    await page.getByRole("link", { name: /Quay lại/ }).first().click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("3 / 3");
    expect(await pendingShown(page)).toBe(pendingOffline);
    await waitStatus(page, "offline");

    // The signal returns: everything goes out by itself.
    world.net.online();
    await context.setOffline(false);
    await waitAllSent(page, 60_000);
    await expect.poll(() => page.locator(".sync-indicator:visible .sync-last").first().textContent()).toContain("Đồng bộ lúc");

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, token, ROSTER)).length === 3, 20_000, "three children on the server");
    const children = await apiChildren(world.server.url, token, ROSTER);
    const mai = children.find((c) => c.fullName === "Lò Thị Mai");
    expect(mai?.dob).toBe("2014-11-05");
    expect(mai?.motherId).toBeTruthy();
    expect(mai?.findings.map((f) => f.code)).not.toContain("dob.missing");
    expect(children.find((c) => c.fullName === "Nguyễn Văn An")?.grade).toBe("6A");
    expect(children.find((c) => c.fullName === "Quàng Văn Tú")).toBeDefined();
    await context.close();
  });
});

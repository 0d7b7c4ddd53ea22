// Two agencies change the same field of one child while both are offline: the record
// shows both values and who wrote them, and either person picks the right one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { PHONE, login, newDevice, screenshot, waitAllSent, waitStatus } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type NetWorld } from "./support/world";

describe("concurrent offline edits of one field", () => {
  let world: NetWorld;

  beforeAll(async () => {
    world = await startWorld({ net: true, seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function openChild(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.net.url, username, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await page.getByRole("heading", { name: "Lò Thị Mai" }).waitFor();
    return { context, page };
  }

  async function setDob(page: Page, value: string): Promise<void> {
    await page.locator("#child-dob").fill(value);
    await page.locator("#child-dob").press("Tab");
  }

  it("keeps both values, names who wrote them, and resolves to the one picked", async () => {
    const hamlet = await openChild(USERS.hamlet);
    const school = await openChild(USERS.school);

    world.net.offline();
    await hamlet.context.setOffline(true);
    await school.context.setOffline(true);
    await waitStatus(hamlet.page, "offline");
    await waitStatus(school.page, "offline");
    await setDob(hamlet.page, "05/11/2014");
    await setDob(school.page, "11/05/2014");

    world.net.online();
    await hamlet.context.setOffline(false);
    await school.context.setOffline(false);
    await waitAllSent(hamlet.page, 60_000);
    await waitAllSent(school.page, 60_000);

    for (const { page } of [hamlet, school]) {
      const conflict = page.locator('[data-field="child-dob"] .conflict');
      await conflict.waitFor({ timeout: 20_000 });
      await expect.poll(() => conflict.locator(".conflict-value").allTextContents()).toEqual(
        expect.arrayContaining(["05/11/2014", "11/05/2014"]),
      );
      const writers = (await conflict.locator(".conflict-by").allTextContents()).join(" | ");
      expect(writers).toContain(USERS.hamlet);
      expect(writers).toContain(USERS.school);
    }
    await screenshot(school.page, "phone-conflict-390x844");

    // The school checks the birth certificate and keeps the hamlet head's value.
    const pick = school.page
      .locator('[data-field="child-dob"] .conflict-values li')
      .filter({ hasText: "05/11/2014" })
      .getByRole("button", { name: "Chọn" });
    await pick.click();
    for (const { page } of [hamlet, school]) {
      await expect.poll(() => page.locator('[data-field="child-dob"] .conflict').count(), { timeout: 20_000 }).toBe(0);
      await expect.poll(() => page.locator("#child-dob").inputValue()).toBe("05/11/2014");
    }

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => {
      const [mai] = await apiChildren(world.server.url, token, ROSTER);
      return mai?.dob === "2014-11-05" && !mai.findings.some((f) => f.code === "conflict.field");
    }, 20_000, "the resolved value on the server");
    await hamlet.context.close();
    await school.context.close();
  });
});

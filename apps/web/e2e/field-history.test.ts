// Two agencies edit one child's date of birth; the child editor's history shows both
// changes, who made them, from what to what, and where from.
import { copyFileSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DESK, login, newDevice, screenshot, waitAllSent } from "./support/browser";
import { MOTHER, PASSWORD, USERS, cleanChild } from "./support/fixtures";
import { ARTIFACTS } from "./support/paths";
import { startWorld, type World } from "./support/world";

describe("field history in the child editor", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      seed: (records) => records.doc.transact(() => records.createChild(cleanChild(records.createGuardian(MOTHER)))),
      expectChildren: 1,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function openChild(username: string): Promise<Page> {
    const page = await (await newDevice(world.browser, DESK)).newPage();
    await login(page, world.server.url, username, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await page.getByRole("link", { name: /Nguyễn Văn An/ }).click();
    await page.getByRole("heading", { name: "Nguyễn Văn An" }).waitFor();
    await waitAllSent(page);
    return page;
  }

  it("lists the school's and the police's changes of the date of birth, newest first, after its creation", async () => {
    const school = await openChild(USERS.school);
    await school.locator("#child-dob").fill("12/03/2015");
    await school.locator("#child-dob").press("Tab");
    await waitAllSent(school);

    const police = await openChild(USERS.police);
    await expect.poll(() => police.locator("#child-dob").inputValue(), { timeout: 20_000 }).toBe("12/03/2015");
    await police.locator("#child-dob").fill("21/03/2015");
    await police.locator("#child-dob").press("Tab");
    await waitAllSent(police);

    // Without a network the panel shows what this device's edit log holds, and says so.
    await police.context().setOffline(true);
    await police.getByRole("button", { name: "Xem lịch sử thay đổi" }).click();
    await police.getByText("chỉ hiện những thay đổi có trên máy này").waitFor();
    await police.locator("#field-history-field").selectOption("dob");
    const rows = police.locator(".history-table tbody tr");
    const cells = async (i: number) => (await rows.nth(i).locator("td").allTextContents()).slice(1);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await cells(0)).toEqual([USERS.police, "12/03/2015", "21/03/2015", "Trên máy này"]);

    // Back online, the server's full audit: the creation too, and where each change came from.
    await police.context().setOffline(false);
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    expect(await police.getByText("chỉ hiện những thay đổi có trên máy này").count()).toBe(0);
    expect(await cells(0)).toEqual([USERS.police, "12/03/2015", "21/03/2015", "Sửa trên ứng dụng"]);
    expect(await cells(1)).toEqual([USERS.school, "02/03/2015", "12/03/2015", "Sửa trên ứng dụng"]);
    // The record as the commune admin first entered it.
    expect(await cells(2)).toEqual([USERS.admin, "(trống)", "02/03/2015", "Sửa trên ứng dụng"]);
    await police.locator(".field-history").scrollIntoViewIfNeeded();
    await screenshot(police, "desk-field-history-1366x768");
    mkdirSync("/work/screens", { recursive: true });
    copyFileSync(`${ARTIFACTS}/desk-field-history-1366x768.png`, "/work/screens/field-history-1366x768.png");
  });
});

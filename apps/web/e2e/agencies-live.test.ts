// School staff and commune police on one roster at the same time: live edits, police
// verify, the school edits the record afterwards, police see it as changed since.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiChildren, apiLogin } from "./support/api";
import { DESK, login, newDevice, screenshot, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

describe("school and police on one roster", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
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

  async function open(username: string): Promise<Page> {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    await login(page, world.server.url, username, PASSWORD);
    return page;
  }

  it("shows each other's edits live, verifies, and flags a record edited after verification", async () => {
    const school = await open(USERS.school);
    await school.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(school);

    const police = await open(USERS.police);
    await police.getByRole("link", { name: "Xác minh" }).first().click();
    await police.getByRole("tab", { name: /Chờ xác minh/ }).waitFor();

    // School staff filter by school and grade, and fix the class of a pupil.
    await school.getByText("Bộ lọc").click();
    await school.locator("#filter-school").selectOption("THCS Chiềng Sinh");
    await expect.poll(() => school.getByTestId("list-count").textContent()).toContain("1 / 2");
    await school.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await school.locator("#child-grade").fill("6B");
    await school.locator("#child-grade").press("Tab");

    // Police see the clean record waiting, open it side by side, and verify it.
    await police.getByRole("link", { name: /Nguyễn Văn An/ }).click();
    await police.getByRole("heading", { name: "Nguyễn Văn An" }).waitFor();
    await waitAllSent(police);
    await screenshot(police, "desk-police-queue-1366x768");
    const verify = police.getByRole("button", { name: "Xác minh", exact: true });
    await expect.poll(() => verify.isEnabled()).toBe(true);
    await verify.click();
    await police.getByText("Đã xác minh").first().waitFor();
    await expect.poll(() => police.locator('[data-tab="verified"] .tab-count').textContent()).toBe("1");

    // The school sees the verification arrive live on its list.
    await school.getByText("Bộ lọc").click();
    await school.locator("#filter-school").selectOption("");
    await school.getByRole("link", { name: /Nguyễn Văn An/ }).locator(".badge-verified").waitFor();

    // The school then changes a verified field: police see it as edited since verified.
    await school.getByRole("link", { name: /Nguyễn Văn An/ }).click();
    await school.locator("#child-dob").fill("12/03/2015");
    await school.locator("#child-dob").press("Tab");
    await expect.poll(() => police.locator('[data-tab="stale"] .tab-count').textContent(), { timeout: 20_000 }).toBe("1");
    await police.getByRole("tab", { name: /Đã sửa sau khi xác minh/ }).click();
    // After verifying, the desk moved on; the officer opens the record again.
    await police.getByRole("link", { name: /Nguyễn Văn An/ }).click();
    await police.locator('.finding[data-code="verification.stale"]').first().waitFor();
    await police.getByTestId("changes-since").locator('tr[data-field="dob"]').waitFor({ timeout: 20_000 });
    await screenshot(school, "desk-school-editor-1366x768");

    // Live edit of the school visible to police, and on the server.
    await police.getByRole("tab", { name: /Cần sửa/ }).click();
    await police.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await police.getByRole("heading", { name: "Lò Thị Mai" }).waitFor();
    // The previous record's "verified" notice does not follow the officer to this one.
    expect(await police.getByTestId("verify-message").textContent()).toBe("");
    await police.getByTestId("verify-blocker").waitFor();
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const children = await apiChildren(world.server.url, token, ROSTER);
    expect(children.find((c) => c.fullName === "Lò Thị Mai")?.grade).toBe("6B");
    expect(children.find((c) => c.fullName === "Nguyễn Văn An")?.status).toBe("clean");
    await screenshot(police, "desk-police-needs-fix-1366x768");
  });
});

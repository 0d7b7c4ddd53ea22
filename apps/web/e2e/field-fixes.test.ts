// The hamlet head's everyday fixes: link a sibling to a parent already listed, one-tap
// name fixes (spacing and case, TCVN3 text), remove a duplicate with a reason, English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { PHONE, login, newDevice, screenshot, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

describe("fixing records in the field", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      seed: (records) => {
        records.doc.transact(() => {
          const mother = records.createGuardian(MOTHER);
          records.createChild(cleanChild(mother));
          records.createChild(CHILD_TO_FIX);
          records.createChild({ ...CHILD_TO_FIX, fullName: "NguyÔn V¨n B×nh" });
        });
      },
      expectChildren: 3,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function openChild(page: Page, search: string, name: RegExp): Promise<void> {
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill(search);
    await page.getByRole("link", { name }).click();
  }

  it("links a sibling, applies one-tap fixes and removes a duplicate", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);

    // Siblings share a mother already in the roster: pick her by a search without accents.
    await openChild(page, "lo thi mai", /Lò Thị Mai/);
    // Stored choices show in their menus (gender, ethnicity by official code).
    await expect.poll(() => page.locator("#child-gender").inputValue()).toBe("female");
    expect(await page.locator("#child-ethnicity").inputValue()).toBe("03");
    expect(await page.locator("#child-ethnicity option:checked").textContent()).toContain("Thái");
    const mother = page.locator('fieldset[data-role="mother"]');
    await mother.getByRole("button", { name: "Chọn người có sẵn" }).click();
    await mother.getByLabel("Tìm cha, mẹ, người giám hộ đã có").fill("tran thi hoa");
    await mother.getByRole("button", { name: /Trần Thị Hoa/ }).click();
    await expect.poll(() => mother.locator("#guardian-mother-fullName").inputValue()).toBe("Trần Thị Hoa");
    await mother.getByText("Người này là mẹ của 2 trẻ").waitFor();
    await page.locator("#child-representative").selectOption("mother");
    await expect.poll(() => page.locator('[data-field="child-representative"] .finding').count()).toBe(0);
    await page.getByRole("link", { name: /Quay lại/ }).first().click();

    // Legacy TCVN3 text from an old school file: one tap converts it.
    await openChild(page, "", /NguyÔn/);
    const encodingFix = page.getByRole("button", { name: "Chuyển sang Unicode (TCVN3): Nguyễn Văn Bình" });
    await encodingFix.click();
    await expect.poll(() => page.locator("#child-fullName").inputValue()).toBe("Nguyễn Văn Bình");

    // Spacing and case: one tap normalises.
    await page.locator("#child-fullName").fill("nguyễn  văn   bình");
    await page.locator("#child-fullName").press("Tab");
    await page.getByRole("button", { name: "Chuẩn hóa: Nguyễn Văn Bình" }).click();
    await expect.poll(() => page.locator("#child-fullName").inputValue()).toBe("Nguyễn Văn Bình");
    await screenshot(page, "phone-fixes-390x844");

    // This child is a duplicate of one the school entered: remove it with a reason.
    await page.getByRole("button", { name: "Xóa hồ sơ trùng" }).click();
    await page.getByLabel("Lý do xóa").fill("Trùng với hồ sơ nhà trường nhập");
    await page.getByRole("button", { name: "Xóa hồ sơ", exact: true }).click();
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("");
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("2 / 2");
    await waitAllSent(page);

    // English for a visiting officer.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByLabel("Search by full name or ID number").waitFor();
    await page.getByText("All changes sent").first().waitFor();
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").waitFor();

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => {
      const children = await apiChildren(world.server.url, token, ROSTER);
      const mai = children.find((c) => c.fullName === "Lò Thị Mai");
      const an = children.find((c) => c.fullName === "Nguyễn Văn An");
      // The API lists children that are not removed.
      return children.length === 2 && mai?.motherId === an?.motherId && mai?.representative === "mother";
    }, 20_000, "linked mother and removed duplicate on the server");
    const audit = (await (
      await fetch(`${world.server.url}/api/rosters/${ROSTER}/audit`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { field: string; to: unknown; user: string }[];
    expect(audit).toContainEqual(
      expect.objectContaining({ field: "removedReason", to: "Trùng với hồ sơ nhà trường nhập", user: USERS.hamlet }),
    );
    await context.close();
  });
});

// Opening the app draws the list's first screen from what the device kept, before the
// roster's document is decoded; it follows the person's edits; the real list replaces it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildFields } from "@roster/schema";
import { PHONE, login, newDevice, waitAllSent } from "./support/browser";
import { firstRows, keptFirstScreen, watchFirstRows } from "./support/first-screen";
import { PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, withChildren, type World } from "./support/world";

const FAMILY = ["Nguyễn", "Trần", "Lò", "Hoàng", "Đặng"];
const GIVEN = ["Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Mai", "Nam", "Phúc", "Quân", "Sơn"];
// More children than a kept first screen holds (40), so it is a head of the list.
const COUNT = 61;

function child(i: number): ChildFields {
  // The last one is alone to sort last; the test renames it to sort first.
  const fullName = i === COUNT - 1 ? "Quàng Thị Yến" : `${FAMILY[i % 5]} Văn ${GIVEN[Math.floor(i / 5) % 12]}`;
  return { fullName, dob: "2015-03-02", gender: "male", ethnicity: "01", school: "TH Kim Đồng", grade: "4A" };
}

describe("the list's first screen kept on the device", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(withChildren(COUNT, child));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("shows the kept rows first, with the last edit, then the real list in the same order", async () => {
    const context = await newDevice(world.browser, PHONE);
    await watchFirstRows(context);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await page.getByTestId("list-count").filter({ hasText: `${COUNT} / ${COUNT}` }).waitFor();
    await waitAllSent(page);
    // A new device has nothing kept: the first rows came from the document.
    expect((await firstRows(page)).busy).toBeNull();

    // Rename the child sorting last so that it sorts first (class lists go by given name).
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("quang thi yen");
    await page.getByRole("link", { name: /Quàng Thị Yến/ }).click();
    await page.locator("#child-fullName").fill("Quàng Thị An");
    await page.locator("#child-fullName").press("Tab");
    await page.getByRole("heading", { name: "Quàng Thị An" }).waitFor();
    await page.getByRole("link", { name: /Quay lại/ }).first().click();
    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("");
    await waitAllSent(page);

    // The edit reaches the kept first screen once edits settle.
    await expect
      .poll(async () => (await keptFirstScreen(page, ROSTER))?.rows[0]?.fullName, { timeout: 10_000 })
      .toBe("Quàng Thị An");
    const kept = await keptFirstScreen(page, ROSTER);
    expect(kept?.rows.length).toBe(40);
    expect(kept?.total).toBe(COUNT);

    await page.reload();
    const first = await firstRows(page);
    expect(first.busy).toBe("true");
    expect(first.count).toContain(`${COUNT} / ${COUNT}`);
    expect(first.names[0]).toBe("Quàng Thị An");
    expect(first.names).not.toContain("Quàng Thị Yến");

    // The document read, the real list replaces it: same children in the same order.
    await page.locator('.virtual-list:not([aria-busy="true"])').waitFor();
    await page.getByTestId("list-count").filter({ hasText: `${COUNT} / ${COUNT}` }).waitFor();
    const names = await page.locator(".virtual-row .child-name").allTextContents();
    expect(names.slice(0, first.names.length)).toEqual(first.names);
    await context.close();
  });
});

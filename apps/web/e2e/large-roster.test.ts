// A big village on a cheap phone: 5,000 children, a screenful in the DOM, search works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildFields } from "@roster/schema";
import { PHONE, login, newDevice, screenshot, waitAllSent } from "./support/browser";
import { PASSWORD, USERS } from "./support/fixtures";
import { startWorld, withChildren, type World } from "./support/world";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Lò", "Quàng"];
const MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Ngọc", "Thu", "Quang", "Hữu", "Thanh", "Bảo"];
const GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tú", "Uyên", "Vy", "Xuân", "Yến", "Đạt", "Hòa"];
const COUNT = 5_000;

function child(i: number): ChildFields {
  const year = 2013 + (i % 7);
  const month = String(1 + (i % 12)).padStart(2, "0");
  const day = String(1 + (i % 28)).padStart(2, "0");
  return {
    fullName: `${FAMILY[i % 10]} ${MIDDLE[Math.floor(i / 10) % 10]} ${GIVEN[Math.floor(i / 100) % 20]}`,
    dob: `${year}-${month}-${day}`,
    gender: i % 2 === 0 ? "male" : "female",
    ethnicity: "01",
    school: i % 3 === 0 ? "THCS Chiềng Sinh" : "TH Kim Đồng",
    grade: `${1 + (i % 9)}A`,
  };
}

describe("a roster of 5,000 children on a phone", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(withChildren(COUNT, child));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("keeps a screenful of rows in the DOM, scrolls to the end, and finds a child by a folded name", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.school, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await expect.poll(() => page.getByTestId("list-count").textContent(), { timeout: 60_000 }).toContain(`${COUNT} / ${COUNT}`);
    await waitAllSent(page, 60_000);

    const rows = page.locator(".virtual-row");
    expect(await rows.count()).toBeLessThan(40);

    // Class-list order: the first given name in Vietnamese order is "An".
    await expect.poll(() => rows.first().locator(".child-name").textContent()).toMatch(/ An$/);
    await page.locator(".virtual-list").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => rows.last().locator(".child-name").textContent()).toMatch(/ Yến$/);
    expect(await rows.count()).toBeLessThan(40);
    await screenshot(page, "phone-5000-children-390x844");

    await page.getByLabel("Tìm theo họ tên hoặc số định danh").fill("quang bao hoa");
    await expect.poll(() => page.getByTestId("list-count").textContent()).toMatch(/^\d+ \/ 5000/);
    const names = await page.locator(".virtual-row .child-name").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith("Quàng Bảo Hòa"))).toBe(true);
    await context.close();
  });
});

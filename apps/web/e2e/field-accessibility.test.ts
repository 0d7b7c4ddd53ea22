// The field app against WCAG 2.1 AA with axe-core (0 serious or critical) on every screen
// at a phone's and a desk's width, the problem summary shown, and the whole way from login
// to a saved field walked with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ChildFields } from "@roster/schema";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { expectNoSeriousViolations } from "./support/axe";
import { DESK, PHONE, login, newDevice, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { SCHOOL_LIST_FILE, schoolListXlsx } from "./support/school-list";
import { saveScreen } from "./support/screens";
import { startWorld, type World } from "./support/world";

// Two records of one child typed twice: the same ID number (a duplicate each way).
const TWIN_A: ChildFields = { ...CHILD_TO_FIX, fullName: "Vì Văn Dũng", pid: "014216000777", dob: "2016-02-03" };
const TWIN_B: ChildFields = { ...CHILD_TO_FIX, fullName: "Vì Văn Dũng", pid: "014216000777", dob: "2016-02-03", school: "TH Chiềng Sinh 2" };

describe("accessibility of the field app", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      seed: (records) => {
        const mother = records.createGuardian(MOTHER);
        records.createChild(cleanChild(mother));
        records.createChild(CHILD_TO_FIX);
        records.createChild(TWIN_A);
        records.createChild(TWIN_B);
      },
      expectChildren: 4,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function openRoster(page: Page): Promise<void> {
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).waitFor();
  }

  it.each([
    ["390", PHONE],
    ["1366", DESK],
  ] as const)("has no serious or critical axe-core violation on any screen at %s px", async (width, viewport) => {
    const context = await newDevice(world.browser, viewport);
    const page = await context.newPage();
    await page.goto(`${world.server.url}/`);
    await page.getByLabel("Tên đăng nhập").waitFor();
    await expectNoSeriousViolations(page, `login ${width}`);
    await login(page, world.server.url, USERS.police, PASSWORD);
    await expectNoSeriousViolations(page, `villages ${width}`);
    await openRoster(page);
    await expectNoSeriousViolations(page, `roster list ${width}`);

    await page.getByRole("link", { name: /Vì Văn Dũng/ }).first().click();
    const summary = page.getByTestId("problem-summary");
    await summary.locator(".duplicate-of a").first().waitFor();
    await expectNoSeriousViolations(page, `child editor ${width}`);
    await summary.scrollIntoViewIfNeeded();
    await saveScreen(page, `problem-summary-${width}`);
    // The summary's problem goes to its field; the duplicate names the other record and opens it.
    await summary.getByRole("link", { name: /Số định danh/ }).first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("child-pid");
    const other = summary.locator(".duplicate-of a").first();
    expect(await other.textContent()).toBe("Vì Văn Dũng · 03/02/2016");
    const here = page.url();
    await other.click();
    await expect.poll(() => page.url()).not.toBe(here);
    await page.getByRole("heading", { level: 1, name: "Vì Văn Dũng" }).waitFor();

    await page.goto(`${world.server.url}/progress`);
    await page.getByTestId("progress-table-campaign").waitFor();
    await expectNoSeriousViolations(page, `progress ${width}`);
    const scroller = page.getByRole("region", { name: "Chỉ tiêu chiến dịch theo thôn" });
    await scroller.focus();
    for (let i = 0; i < 10; i += 1) await page.keyboard.press("ArrowRight");
    if (viewport === PHONE) await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    await page.goto(`${world.server.url}/r/${ROSTER}/intake`);
    await page.getByRole("heading", { name: "Buổi tiếp nhận hồ sơ" }).waitFor();
    await page.getByRole("button", { name: "+ Tạo buổi tiếp nhận" }).click();
    await page.locator("#session-date").fill("13/06/2026");
    await page.locator("#session-place-kind").selectOption("village");
    await page.locator("#session-place").fill("Nhà văn hóa thôn Đông");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("button", { name: "Hủy buổi" }).waitFor();
    // A child on the call list too (each width its own session and child).
    const called = viewport === PHONE ? "Lò Thị Mai" : "Nguyễn Văn An";
    await page.getByRole("button", { name: new RegExp(`Xếp vào buổi.*${called}`) }).click();
    await page.getByRole("button", { name: new RegExp(`Bỏ khỏi buổi.*${called}`) }).waitFor();
    await expectNoSeriousViolations(page, `intake ${width}`);

    await page.goto(`${world.server.url}/r/${ROSTER}/import`);
    await page.getByLabel("Chọn tệp Excel (.xlsx, .xls) hoặc CSV").setInputFiles({
      name: SCHOOL_LIST_FILE,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await schoolListXlsx()),
    });
    await page.getByTestId("import-preview").waitFor({ timeout: 30_000 });
    await expectNoSeriousViolations(page, `import ${width}`);
    await context.close();
  });

  it("walks from login to a saved field with the keyboard alone", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${world.server.url}/`);
    await page.getByLabel("Tên đăng nhập").waitFor();
    // The skip link comes first and leads to the main content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Bỏ qua, đến nội dung chính");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
    const tabTo = async (want: (el: { id: string; text: string; tag: string }) => boolean, most = 40): Promise<number> => {
      for (let n = 1; n <= most; n += 1) {
        await page.keyboard.press("Tab");
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return { id: a?.id ?? "", text: a?.textContent?.trim() ?? "", tag: a?.tagName ?? "" };
        });
        if (want(el)) return n;
      }
      throw new Error("not reached by Tab");
    };
    await tabTo((el) => el.id === "login-username");
    await page.keyboard.type(USERS.hamlet);
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    // After login, focus is on the new screen's heading.
    await page.getByRole("heading", { name: "Danh sách thôn" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Danh sách thôn");
    await tabTo((el) => el.tag === "A" && el.text.startsWith("Thôn Đông"));
    await page.keyboard.press("Enter");
    await waitAllSent(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("roster-title");
    await tabTo((el) => el.tag === "A" && el.text.includes("Lò Thị Mai"));
    await page.keyboard.press("Enter");
    // Opening a child puts focus on its name; the first field is a few tabs away.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("child-title");
    const tabs = await tabTo((el) => el.id === "child-fullName");
    expect(tabs).toBeLessThanOrEqual(12);
    await tabTo((el) => el.id === "child-address");
    await page.keyboard.type("Bản Mòng");
    await page.keyboard.press("Tab");
    await waitAllSent(page);
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, token, ROSTER)).some((c) => c.address === "Bản Mòng"), 20_000, "the address typed by keyboard");

    // A dialog closes with Escape and gives focus back to what opened it.
    await tabTo((el) => el.text === "Xóa hồ sơ trùng", 80);
    const opener = await page.evaluate(() => document.activeElement?.textContent?.trim());
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(opener);
    await context.close();
  });
});

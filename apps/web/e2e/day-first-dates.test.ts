// Dates read and are typed day first (dd/mm/yyyy) whatever the browser's language: here a
// browser set to English (en-US), which writes a native date input month first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { DESK, login, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

describe("dates in a browser whose language is English", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      seed: (records) => void records.createChild({ ...CHILD_TO_FIX, dob: "2016-12-11" }),
      expectChildren: 1,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("shows 11/12/2016 for 11 December 2016 and stores 04/03/2015 as 4 March 2015", async () => {
    const context = await world.browser.newContext({ viewport: DESK, locale: "en-US", timezoneId: "America/New_York" });
    const page = await context.newPage();
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    await login(page, world.server.url, USERS.school, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    const row = page.getByRole("link", { name: /Lò Thị Mai/ });
    expect(await row.textContent()).toContain("11/12/2016");
    await row.click();
    await page.getByRole("heading", { name: "Lò Thị Mai" }).waitFor();
    expect(await page.locator("#child-dob").inputValue()).toBe("11/12/2016");
    expect(await page.locator("#child-dob").getAttribute("type")).toBe("text");

    // Typed digit by digit as on a phone keypad: the separators come by themselves.
    await page.locator("#child-birthRegisteredOn").click();
    await page.keyboard.type("04032015");
    expect(await page.locator("#child-birthRegisteredOn").inputValue()).toBe("04/03/2015");
    await page.keyboard.press("Tab");
    // Month first is refused in words, and nothing is written.
    await page.locator("#child-dob").fill("12/31/2016");
    await page.locator("#child-dob").press("Tab");
    await page.locator("#child-dob-format").waitFor();
    expect(await page.locator("#child-dob").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#child-dob").inputValue()).toBe("12/31/2016");
    await waitAllSent(page);

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => {
      const [mai] = await apiChildren(world.server.url, token, ROSTER);
      return mai?.birthRegisteredOn === "2015-03-04" && mai.dob === "2016-12-11";
    }, 20_000, "4 March 2015 stored, 11 December 2016 kept");

    // The English interface reads dates day first as well.
    await page.getByRole("button", { name: "English" }).click();
    await page.locator("#child-dob").fill("11/12/2016");
    await page.locator("#child-dob").press("Tab");
    expect(await page.locator("#child-birthRegisteredOn").inputValue()).toBe("04/03/2015");
    expect(await page.getByRole("link", { name: /Lò Thị Mai/ }).textContent()).toContain("11/12/2016");
    await context.close();
  });
});

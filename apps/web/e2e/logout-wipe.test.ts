// A shared phone: logging out leaves no child's data on the device.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE, databaseNames, login, newDevice, waitAllSent } from "./support/browser";
import { firstRows, keptFirstScreen, watchFirstRows } from "./support/first-screen";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

describe("logout on a shared phone", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("removes every roster database, the session and cached data, and asks to log in again", async () => {
    const context = await newDevice(world.browser, PHONE);
    await watchFirstRows(context);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).waitFor();
    const before = await databaseNames(page);
    expect(before.filter((n) => n.includes(ROSTER)).length).toBe(2);
    // The list's first screen is kept on the device too (names of children).
    await expect.poll(async () => (await keptFirstScreen(page, ROSTER))?.rows[0]?.fullName).toBe("Lò Thị Mai");

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByRole("button", { name: "Xóa dữ liệu và đăng xuất" }).click();
    await page.getByLabel("Tên đăng nhập").waitFor();

    expect(await databaseNames(page)).toEqual([]);
    const stored = await page.evaluate(async () => ({
      keys: Object.keys(localStorage),
      caches: await Promise.all((await caches.keys()).map(async (k) => ({ k, urls: (await (await caches.open(k)).keys()).map((r) => r.url) }))),
    }));
    expect(stored.keys.filter((k) => k !== "roster.locale")).toEqual([]);
    const cachedUrls = stored.caches.flatMap((c) => c.urls);
    expect(cachedUrls.filter((u) => u.includes("/api/") || u.includes("/sync/"))).toEqual([]);

    // Reopening the app shows the login form: nothing of the session is left.
    await page.reload();
    await page.getByLabel("Tên đăng nhập").waitFor();
    expect((await databaseNames(page)).filter((n) => n.includes(ROSTER))).toEqual([]);
    expect(await keptFirstScreen(page, ROSTER)).toBeUndefined();

    // Logging in again, the list is not drawn from anything kept before the logout.
    await login(page, world.server.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await page.getByRole("link", { name: /Lò Thị Mai/ }).waitFor();
    expect((await firstRows(page)).busy).toBeNull();
    await context.close();
  });
});

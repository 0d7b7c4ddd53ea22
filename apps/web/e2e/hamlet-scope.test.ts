// A hamlet head works only in the village assigned to them: typing another village's
// address into the browser opens it read-only with the reason, online and offline, and
// offers no way to edit or add there (the server refuses that sync with 4403 anyway).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiChildren, apiLogin, seedRoster } from "./support/api";
import { PHONE, login, newDevice, waitAllSent, waitServiceWorker } from "./support/browser";
import { CHILD_TO_FIX, COMMUNE, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { cli } from "./support/server";
import { startWorld, type World } from "./support/world";

const OTHER = "thon-tay";

describe("a hamlet head and a village not assigned to them", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
    await cli(world.dataDir, "roster", "add", "--commune", COMMUNE, "--id", OTHER, "--name", "Thôn Tây");
    await seedRoster(world.server.url, USERS.admin, PASSWORD, OTHER, (records) => void records.createChild({ fullName: "Hà Văn Tú" }), 1);
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function expectRefused(page: Page): Promise<void> {
    await page.getByTestId("scope-refusal").waitFor({ timeout: 20_000 });
    expect(await page.getByRole("button", { name: "+ Thêm trẻ" }).count()).toBe(0);
    await page.goto(`${world.server.url}/r/${OTHER}/new`);
    await page.getByTestId("scope-refusal").waitFor({ timeout: 20_000 });
    expect(await page.locator("#draft-fullName").count()).toBe(0);
  }

  it("edits the assigned village, and can neither edit nor add in another, online or offline", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.hamlet, PASSWORD);
    await waitServiceWorker(page);
    // The assigned village: the same person edits and may add.
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    expect(await page.getByRole("button", { name: "+ Thêm trẻ" }).count()).toBe(1);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await page.locator("#child-address").fill("Bản Mới");
    await page.locator("#child-address").press("Tab");
    await waitAllSent(page);
    expect(await page.getByTestId("scope-refusal").count()).toBe(0);

    // Another village, typed into the address bar, online.
    await page.goto(`${world.server.url}/r/${OTHER}`);
    await expectRefused(page);

    // The same offline: the device knows which villages are the person's.
    await context.setOffline(true);
    await page.goto(`${world.server.url}/r/${OTHER}`);
    await expectRefused(page);
    await context.setOffline(false);

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const [tu, ...others] = await apiChildren(world.server.url, token, OTHER);
    expect(others).toEqual([]);
    expect(tu?.fullName).toBe("Hà Văn Tú");
    const [mai] = await apiChildren(world.server.url, token, ROSTER);
    expect(mai?.address).toBe("Bản Mới");
    await context.close();
  });
});

// The sync badge on a phone tells the truth about the connection within 3 s: when the
// network goes (the browser knows), when the link dies without a word (the browser does
// not), and when the server is killed; and it says "online" again once it is.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { PHONE, login, newDevice, waitAllSent, waitStatus } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startServer, type TestServer } from "./support/server";
import { startWorld, type NetWorld } from "./support/world";

/** What the issue promises; measured from the cut to the badge, and reported. */
const PROMISE_MS = 3000;

describe("the sync badge after the connection drops", () => {
  let world: NetWorld;
  let restarted: TestServer | undefined;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    world = await startWorld({ net: true, seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
    context = await newDevice(world.browser, PHONE);
    page = await context.newPage();
    await login(page, world.net.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
  });

  afterAll(async () => {
    await context?.close();
    await restarted?.stop();
    await world?.stop();
  });

  /** Runs `cut`, then waits (up to 10 s) for the badge to say offline; returns how long that took. */
  async function msUntilOffline(cut: () => Promise<void> | void): Promise<number> {
    await waitStatus(page, "online");
    const started = Date.now();
    await cut();
    await waitStatus(page, "offline", 10_000);
    const elapsed = Date.now() - started;
    console.info(`sync badge offline ${elapsed} ms after the cut`);
    return elapsed;
  }

  it("turns offline at once when the network goes, and online when it is back", async () => {
    const elapsed = await msUntilOffline(async () => {
      world.net.stall();
      await context.setOffline(true);
    });
    expect(elapsed).toBeLessThan(PROMISE_MS);
    await page.waitForTimeout(1000);
    expect(await page.locator(".sync-indicator:visible .sync-status").first().getAttribute("data-status")).toBe("offline");

    world.net.online();
    await context.setOffline(false);
    await waitAllSent(page, 15_000);
  });

  it("turns offline within 3 s when the link dies silently (the browser still thinks it is online)", async () => {
    const elapsed = await msUntilOffline(() => world.net.stall());
    expect(elapsed).toBeLessThan(PROMISE_MS);
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);

    world.net.online();
    await waitAllSent(page, 15_000);
  });

  it("turns offline within 3 s when the server is killed, and online once it runs again", async () => {
    const elapsed = await msUntilOffline(() => world.server.kill());
    expect(elapsed).toBeLessThan(PROMISE_MS);

    restarted = await startServer(world.dataDir);
    world.net.retarget(restarted.port);
    await waitAllSent(page, 15_000);
    // A change made now reaches the restarted server.
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await page.locator("#child-grade").fill("7B");
    await page.locator("#child-grade").press("Tab");
    await waitAllSent(page, 15_000);
    const { token } = await apiLogin(restarted.url, USERS.admin, PASSWORD);
    const server = restarted;
    await eventually(async () => (await apiChildren(server.url, token, ROSTER))[0]?.grade === "7B", 10_000, "the edit on the restarted server");
  });
});

// The server stops accepting the phone's token (4401) while edits wait to be sent: the
// app asks to log in again, keeps the edits, and sends them after the new login.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { apiChildren, apiLogin, eventually, seedRoster } from "./support/api";
import { PHONE, launchBrowser, login, newDevice, pendingShown, waitAllSent, waitStatus } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS, setUpCommune } from "./support/fixtures";
import { NetSwitch } from "./support/net-switch";
import { makeDataDir, removeDataDir, startServer, type TestServer } from "./support/server";

const SECRET_BEFORE = "a-secret-of-at-least-thirty-two-characters-1";
const SECRET_AFTER = "a-secret-of-at-least-thirty-two-characters-2";

describe("an expired session with edits waiting", () => {
  let dataDir: string;
  let server: TestServer;
  let net: NetSwitch;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    await setUpCommune(dataDir);
    server = await startServer(dataDir, { TOKEN_SECRET: SECRET_BEFORE });
    net = new NetSwitch(server.port);
    await net.start();
    await seedRoster(server.url, USERS.admin, PASSWORD, ROSTER, (records) => void records.createChild(CHILD_TO_FIX), 1);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await net?.stop();
    await server?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it("asks to log in again without losing the waiting edits", async () => {
    const context = await newDevice(browser, PHONE);
    const page = await context.newPage();
    await login(page, net.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();

    net.offline();
    await waitStatus(page, "offline");
    await page.locator("#child-pid").fill("014314001234");
    await page.locator("#child-pid").press("Tab");
    await expect.poll(() => pendingShown(page)).toBeGreaterThan(0);

    // The server comes back with a new secret: the phone's token is refused (4401).
    await server.stop();
    server = await startServer(dataDir, { TOKEN_SECRET: SECRET_AFTER });
    net.retarget(server.port);
    net.online();
    await waitStatus(page, "expired", 30_000);
    await page.getByText("Phiên đăng nhập đã hết hạn hoặc đã kết thúc").waitFor();
    expect(await pendingShown(page)).toBeGreaterThan(0);
    expect(await page.locator("#child-pid").inputValue()).toBe("014314001234");

    await page.locator("#login-password").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await waitAllSent(page, 60_000);

    const { token } = await apiLogin(server.url, USERS.admin, PASSWORD);
    await eventually(async () => (await apiChildren(server.url, token, ROSTER))[0]?.pid === "014314001234", 20_000, "the edit on the server");
    await context.close();
  });
});

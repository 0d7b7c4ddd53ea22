import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_PATH } from "./env";
import { ARTIFACTS } from "./paths";

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export const PHONE = { width: 390, height: 844 } as const;
export const DESK = { width: 1366, height: 768 } as const;

/** A fresh browser profile (its own IndexedDB and service worker) at a screen size. */
export function newDevice(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
}

/** Logs in through the login form and waits for the list of villages. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { name: "Danh sách thôn" }).waitFor();
}

/** Waits until the roster's connection reports online with nothing pending. */
export async function waitAllSent(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="sync-indicator"]:visible [data-status="online"]').first().waitFor({ timeout });
  await page.locator('[data-testid="sync-indicator"]:visible [data-pending="0"]').first().waitFor({ timeout });
}

/** The number of changes the indicator says wait to be sent. */
export async function pendingShown(page: Page): Promise<number> {
  const value = await page.locator('[data-testid="sync-indicator"]:visible .sync-pending').first().getAttribute("data-pending");
  return Number(value);
}

/** Waits until the visible sync indicator shows `status` (online, offline, expired…). */
export async function waitStatus(page: Page, status: string, timeout = 30_000): Promise<void> {
  await page.locator(`[data-testid="sync-indicator"]:visible [data-status="${status}"]`).first().waitFor({ timeout });
}

/** Waits for the service worker to be active, so the app shell opens without a network. */
export async function waitServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** Saves a screenshot to apps/web/test-artifacts/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: false });
}

/** Names of the IndexedDB databases the page's origin holds. */
export function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ""));
}

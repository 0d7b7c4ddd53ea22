// A new version of the app is offered, never forced, and offline use keeps working.
import { cp, appendFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { PHONE, launchBrowser, login, newDevice, waitServiceWorker } from "./support/browser";
import { PASSWORD, USERS, setUpCommune } from "./support/fixtures";
import { NetSwitch } from "./support/net-switch";
import { WEB_DIST } from "./support/paths";
import { makeDataDir, removeDataDir, startServer, type TestServer } from "./support/server";

describe("installable app updates", () => {
  let dataDir: string;
  let server: TestServer;
  let net: NetSwitch;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    await setUpCommune(dataDir);
    server = await startServer(dataDir);
    net = new NetSwitch(server.port);
    await net.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await net?.stop();
    await server?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it("is installable: a manifest with the name, standalone display and 192/512/maskable icons", async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toBe("Roster — Làm sạch dữ liệu trẻ em");
    expect(manifest.short_name).toBeTruthy();
    expect(manifest).toMatchObject({ start_url: "/", display: "standalone" });
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`).sort()).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of manifest.icons) {
      const response = await fetch(`${server.url}${icon.src}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("image/png");
    }
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain('rel="manifest"');
  });

  it("offers the new version, reloads into it on request, and still opens offline", async () => {
    const context = await newDevice(browser, PHONE);
    const page = await context.newPage();
    await login(page, net.url, USERS.hamlet, PASSWORD);
    await waitServiceWorker(page);
    expect(await page.getByText("Có phiên bản mới").count()).toBe(0);

    // Deploy a new build (a different service worker) behind the same address.
    const nextDist = join(dataDir, "web-next");
    await cp(WEB_DIST, nextDist, { recursive: true });
    await appendFile(join(nextDist, "sw.js"), "\n// next version\n");
    await server.stop();
    server = await startServer(dataDir, { WEB_DIST: nextDist });
    net.retarget(server.port);

    await page.reload();
    await page.getByText("Có phiên bản mới").waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Danh sách thôn" }).waitFor();
    await page.getByRole("button", { name: "Tải lại" }).click();
    await page.getByRole("heading", { name: "Danh sách thôn" }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Still works without a network after the update, session kept.
    net.offline();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "Danh sách thôn" }).waitFor();
    await page.getByRole("link", { name: /Thôn Đông/ }).waitFor();
    await context.close();
  });
});

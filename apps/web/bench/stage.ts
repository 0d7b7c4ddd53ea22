import type { Browser, BrowserContext, Page } from "playwright-core";
import { PHONE, launchBrowser, login, newDevice, waitAllSent, waitServiceWorker } from "../e2e/support/browser";
import { PASSWORD, ROSTER, USERS, setUpCommune } from "../e2e/support/fixtures";
import { NetSwitch } from "../e2e/support/net-switch";
import { makeDataDir, removeDataDir, startServer, type TestServer } from "../e2e/support/server";
import type { BenchEnv } from "./env";
import { note } from "./report";
import { seedSyntheticRoster } from "./seed-children";

/**
 * What both benchmarks stand on: the real server with a seeded roster, reached through a
 * relay that can cut the network, and a hamlet head's phone that has opened the roster
 * once online (so IndexedDB holds it and the service worker holds the app shell).
 */
export interface Stage {
  readonly server: TestServer;
  readonly net: NetSwitch;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly children: number;
  /** The roster's address on the relay's origin. */
  readonly rosterUrl: string;
  /** The page the roster was first opened in; benchmarks may replace it. */
  page: Page;
  close(): Promise<void>;
}

/** Waits until the roster list says it shows all `count` children, read from the roster
 * itself (not the first screen the app kept, which says so too). */
export async function waitFullList(page: Page, count: number, timeout = 60_000): Promise<void> {
  const text = `${count} / ${count}`;
  await page.getByTestId("list-count").filter({ hasText: text }).first().waitFor({ timeout });
  await page.locator('.virtual-list:not([aria-busy="true"])').first().waitFor({ timeout });
}

/**
 * Builds the stage; `probes` are init scripts (file paths) installed in every page of the
 * phone before any script of the app runs. Everything made is undone by `close()`, also
 * when building fails half way.
 */
export async function buildStage(env: BenchEnv, probes: readonly string[]): Promise<Stage> {
  const undo: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of [...undo].reverse()) await step().catch((error: unknown) => note("cleanup failed", { error: String(error) }));
  };
  try {
    const dataDir = await makeDataDir();
    undo.push(() => removeDataDir(dataDir));
    await setUpCommune(dataDir);
    const server = await startServer(dataDir);
    undo.push(() => server.stop());
    const net = new NetSwitch(server.port);
    await net.start();
    undo.push(() => net.stop());

    const seeded = performance.now();
    await seedSyntheticRoster(server.url, env.BENCH_WEB_CHILDREN, env.BENCH_WEB_SEED);
    note("roster seeded", { children: env.BENCH_WEB_CHILDREN, seconds: Math.round(performance.now() - seeded) / 1000 });

    const browser = await launchBrowser();
    undo.push(() => browser.close());
    const context = await newDevice(browser, PHONE);
    for (const path of probes) await context.addInitScript({ path });
    const page = await context.newPage();

    const opened = performance.now();
    await login(page, net.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitFullList(page, env.BENCH_WEB_CHILDREN);
    await waitAllSent(page, 60_000);
    await waitServiceWorker(page);
    note("roster opened online once", { seconds: Math.round(performance.now() - opened) / 1000 });

    return {
      server,
      net,
      browser,
      context,
      page,
      children: env.BENCH_WEB_CHILDREN,
      rosterUrl: `${net.url}/r/${ROSTER}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

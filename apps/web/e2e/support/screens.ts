import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { SCREENS_DIR as SCREENS } from "./env";

/** Saves a screenshot of what the page shows now to SCREENS/<name>.png. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: false });
}

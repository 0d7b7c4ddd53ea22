import type { BrowserContext, Page } from "playwright-core";

/** What the list looked like when its first rows entered the page (see `watchFirstRows`). */
export interface FirstRows {
  /** `aria-busy` of the list: "true" when the rows came from the kept first screen. */
  busy: string | null;
  names: string[];
  count: string | null;
}

/**
 * Notes, in every page of `context`, the list as its first rows appear: whether it was
 * drawn from the kept first screen (the roster's document not read yet), which names it
 * showed and the count above it.
 */
export async function watchFirstRows(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const list = document.querySelector(".virtual-list");
      if (!list?.querySelector(".virtual-row")) return;
      observer.disconnect();
      (window as unknown as { __firstRows: FirstRows }).__firstRows = {
        busy: list.getAttribute("aria-busy"),
        names: [...list.querySelectorAll(".virtual-row .child-name")].map((n) => n.textContent ?? ""),
        count: document.querySelector('[data-testid="list-count"]')?.textContent ?? null,
      };
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** The first rows noted in `page`'s document (once they appeared). */
export async function firstRows(page: Page): Promise<FirstRows> {
  await page.waitForFunction(() => "__firstRows" in window);
  return page.evaluate(() => (window as unknown as { __firstRows: FirstRows }).__firstRows);
}

/** The first screen the app database keeps for `rosterId`, as stored (or undefined). */
export function keptFirstScreen(page: Page, rosterId: string): Promise<{ userId: string; total: number; rows: { fullName?: string | null }[] } | undefined> {
  return page.evaluate(async (key) => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("roster-app")) return undefined;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("roster-app");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<never>((resolve, reject) => {
        const request = db.transaction("kv").objectStore("kv").get(key);
        request.onsuccess = () => resolve(request.result as never);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, `first-screen:${rosterId}`);
}

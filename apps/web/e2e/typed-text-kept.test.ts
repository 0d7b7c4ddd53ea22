// A hamlet head is typing an address (not yet saved) when school staff save the same
// field: the typed text stays in the input, the phone says who changed the field and to
// what, and what the person decides is what is stored; the other value stays in the audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { AuditEntrySchema } from "@roster/schema";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { DESK, PHONE, login, newDevice, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { saveScreen } from "./support/screens";
import { startWorld, type World } from "./support/world";

describe("text typed while someone else saves the same field", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function openChild(username: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDevice(world.browser, viewport);
    const page = await context.newPage();
    await login(page, world.server.url, username, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await page.getByRole("heading", { name: "Lò Thị Mai" }).waitFor();
    return { context, page };
  }

  async function save(page: Page, value: string): Promise<void> {
    await page.locator("#child-address").fill(value);
    await page.locator("#child-address").press("Tab");
    await waitAllSent(page);
  }

  async function address(): Promise<string | null | undefined> {
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const [mai] = await apiChildren(world.server.url, token, ROSTER);
    return mai?.address;
  }

  async function auditOfAddress(): Promise<{ user: string; to: unknown }[]> {
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const response = await fetch(`${world.server.url}/api/rosters/${ROSTER}/audit`, { headers: { authorization: `Bearer ${token}` } });
    return AuditEntrySchema.array().parse(await response.json()).filter((e) => e.field === "address");
  }

  it("keeps the typed text, names who changed the field and to what, and stores the person's choice", async () => {
    const hamlet = await openChild(USERS.hamlet, PHONE);
    const school = await openChild(USERS.school, DESK);
    // The hamlet head starts typing and has not left the field.
    await hamlet.page.locator("#child-address").click();
    await hamlet.page.keyboard.type("Xóm Mới, nhà 12");
    await save(school.page, "Thôn Đông, số 3");

    const notice = hamlet.page.getByTestId("changed-meanwhile");
    await notice.waitFor({ timeout: 20_000 });
    expect(await hamlet.page.locator("#child-address").inputValue()).toBe("Xóm Mới, nhà 12");
    expect(await notice.textContent()).toContain(USERS.school);
    expect(await notice.locator(".changed-theirs").textContent()).toBe("Thôn Đông, số 3");
    expect(await notice.locator(".changed-mine").textContent()).toBe("Xóm Mới, nhà 12");
    await saveScreen(hamlet.page, "typed-text-conflict-390");
    await hamlet.page.setViewportSize(DESK);
    await saveScreen(hamlet.page, "typed-text-conflict-1366");
    await hamlet.page.setViewportSize(PHONE);
    // Leaving the field is no decision: the typed text stays and nothing is written yet.
    await hamlet.page.locator("#child-address").press("Tab");
    expect(await hamlet.page.locator("#child-address").inputValue()).toBe("Xóm Mới, nhà 12");
    expect(await address()).toBe("Thôn Đông, số 3");

    await notice.getByRole("button", { name: "Giữ của tôi" }).click();
    await waitAllSent(hamlet.page);
    await eventually(async () => (await address()) === "Xóm Mới, nhà 12", 20_000, "the kept value on the server");
    await expect.poll(() => school.page.locator("#child-address").inputValue(), { timeout: 20_000 }).toBe("Xóm Mới, nhà 12");
    expect(await notice.count()).toBe(0);
    // The school's value is not lost: the audit holds both changes and who made them.
    await eventually(async () => {
      const audit = await auditOfAddress();
      return audit.some((e) => e.user === USERS.school && e.to === "Thôn Đông, số 3") && audit.some((e) => e.user === USERS.hamlet && e.to === "Xóm Mới, nhà 12");
    }, 20_000, "both values in the audit");
    await hamlet.context.close();
    await school.context.close();
  });

  it("merges both texts for the person to edit, and stores what they made of them", async () => {
    const hamlet = await openChild(USERS.hamlet, PHONE);
    const school = await openChild(USERS.school, DESK);
    await hamlet.page.locator("#child-address").click();
    await hamlet.page.locator("#child-address").press("End");
    await hamlet.page.keyboard.type(" (gần trường)");
    await save(school.page, "Bản Pá Khoang");
    const notice = hamlet.page.getByTestId("changed-meanwhile");
    await notice.waitFor({ timeout: 20_000 });
    await notice.getByRole("button", { name: "Gộp cả hai để sửa" }).click();
    const input = hamlet.page.locator("#child-address");
    expect(await input.inputValue()).toBe("Xóm Mới, nhà 12 (gần trường) / Bản Pá Khoang");
    expect(await hamlet.page.evaluate(() => document.activeElement?.id)).toBe("child-address");
    await input.fill("Bản Pá Khoang, nhà 12 (gần trường)");
    await input.press("Tab");
    await waitAllSent(hamlet.page);
    await eventually(async () => (await address()) === "Bản Pá Khoang, nhà 12 (gần trường)", 20_000, "the merged value");
    await hamlet.context.close();
    await school.context.close();
  });

  it("keeps both values as a conflict when the person leaves without deciding", async () => {
    const hamlet = await openChild(USERS.hamlet, PHONE);
    const school = await openChild(USERS.school, DESK);
    await hamlet.page.locator("#child-address").click();
    await hamlet.page.locator("#child-address").fill("Xóm Chợ");
    await save(school.page, "Xóm Suối");
    await hamlet.page.getByTestId("changed-meanwhile").waitFor({ timeout: 20_000 });
    await hamlet.page.getByRole("link", { name: /Quay lại/ }).first().click();
    await waitAllSent(hamlet.page);
    for (const { page } of [hamlet, school]) {
      await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
      const values = page.locator('[data-field="child-address"] .conflict .conflict-value');
      await expect.poll(() => values.allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining(["Xóm Chợ", "Xóm Suối"]));
    }
    await hamlet.context.close();
    await school.context.close();
  });
});

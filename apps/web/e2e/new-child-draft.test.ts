// "+ Thêm trẻ" opens a draft on the device: one tap and back leaves nothing anywhere (no
// record in the document, the lists, the exports or the counts); a draft with a name joins
// the roster.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressReportSchema } from "@roster/schema";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { PHONE, login, newDevice, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

describe("a new child is a draft until it has a name", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function serverCounts(): Promise<{ children: number; csvRows: number; progress: string }> {
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    const children = (await apiChildren(world.server.url, token, ROSTER)).length;
    const csv = await (await fetch(`${world.server.url}/api/rosters/${ROSTER}/export?format=csv&list=cleaned`, { headers })).text();
    const progress = ProgressReportSchema.parse(await (await fetch(`${world.server.url}/api/rosters/${ROSTER}/progress`, { headers })).json());
    const csvRows = csv.trim().split(/\r?\n/).length - 1;
    return { children, csvRows, progress: JSON.stringify(progress.total) };
  }

  it("leaves nothing in any list, export or count when abandoned, and adds the child once named", async () => {
    const before = await serverCounts();
    expect(before.children).toBe(1);
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.hamlet, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).waitFor();
    const count = page.getByTestId("list-count");
    const shownBefore = await count.textContent();
    expect(shownBefore).toContain("1 / 1");

    // One tap, then back: nothing is written.
    await page.getByRole("button", { name: "+ Thêm trẻ" }).click();
    await page.getByRole("heading", { name: "Trẻ mới (bản nháp)" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("draft-fullName");
    await page.goBack();
    await page.getByRole("heading", { name: "Thôn Đông" }).waitFor();
    // Once more, leaving by the form's own back link.
    await page.getByRole("button", { name: "+ Thêm trẻ" }).click();
    await page.getByRole("link", { name: /Quay lại/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: /Lò Thị Mai/ }).waitFor();
    expect(await count.textContent()).toBe(shownBefore);
    expect(await page.getByText("(chưa có tên)").count()).toBe(0);
    await page.goto(`${world.server.url}/r/${ROSTER}/intake`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await page.getByText("(chưa có tên)").count()).toBe(0);
    // Give a wrongly written record every chance to reach the server before comparing.
    await page.goto(`${world.server.url}/r/${ROSTER}`);
    await waitAllSent(page);
    expect(await serverCounts()).toEqual(before);

    // A named draft joins the roster as one record with what was typed.
    await page.getByRole("button", { name: "+ Thêm trẻ" }).click();
    await page.locator("#draft-fullName").fill("Quàng Văn Sơn");
    await page.locator("#draft-dob").fill("04/03/2016");
    await page.getByRole("button", { name: "Thêm vào danh sách" }).click();
    await page.getByRole("heading", { name: "Quàng Văn Sơn" }).waitFor();
    expect(await page.locator("#child-dob").inputValue()).toBe("04/03/2016");
    await waitAllSent(page);
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => {
      const children = await apiChildren(world.server.url, token, ROSTER);
      return children.length === 2 && children.some((c) => c.fullName === "Quàng Văn Sơn" && c.dob === "2016-03-04");
    }, 20_000, "the named child on the server");
    await context.close();
  });
});

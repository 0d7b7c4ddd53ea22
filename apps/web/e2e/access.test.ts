// A viewer sees everything and can change nothing; a user of another commune sees nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESK, PHONE, login, newDevice, screenshot, waitStatus } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

describe("who may see and change what", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ seed: (records) => void records.createChild(CHILD_TO_FIX), expectChildren: 1 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("lets a viewer read every record but says so and disables every input", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.viewer, PASSWORD);
    await page.getByText("Tài khoản chỉ xem: bạn không thể sửa dữ liệu.").waitFor();
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitStatus(page, "online");
    await page.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await page.getByRole("heading", { name: "Lò Thị Mai" }).waitFor();

    expect(await page.getByRole("button", { name: /Thêm trẻ/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Xóa hồ sơ trùng" }).count()).toBe(0);
    const inputs = page.locator(".child-editor input, .child-editor select, .child-editor textarea");
    expect(await inputs.count()).toBeGreaterThan(10);
    const enabled = await inputs.evaluateAll((els) => els.filter((e) => !(e as HTMLInputElement).disabled).length);
    expect(enabled).toBe(0);
    expect(await page.locator("#child-fullName").inputValue()).toBe("Lò Thị Mai");
    await screenshot(page, "desk-viewer-1366x768");
    await context.close();
  });

  it("shows a user of another commune no roster, and no data when they guess its address", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.stranger, PASSWORD);
    await page.getByText("Chưa có thôn nào được giao cho tài khoản này").waitFor();

    await page.goto(`${world.server.url}/r/${ROSTER}`);
    await waitStatus(page, "forbidden");
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("0 / 0");
    expect(await page.getByText("Lò Thị Mai").count()).toBe(0);
    await context.close();
  });
});

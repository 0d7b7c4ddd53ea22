// The commune admin runs its own accounts: a new hamlet head gets a one-time code, sets a
// password on a phone and sees only their village; disabling them ends their open roster
// screen's session within 2 s, and what they edit afterwards is kept for their next login.
import { copyFileSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiChildren, apiLogin, eventually, seedRoster } from "./support/api";
import { DESK, PHONE, login, newDevice, pendingShown, screenshot, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { ARTIFACTS } from "./support/paths";
import { cli } from "./support/server";
import { startWorld, withChildren, type World } from "./support/world";
import { expectNoSeriousViolations } from "./support/axe";

const NEW_HEAD = { username: "truongthon.manh", name: "Ông Lường Văn Mạnh", password: "Bản-Mường-Chiềng-2026" };
const SCREENS = "/work/screens";

function keep(name: string): void {
  mkdirSync(SCREENS, { recursive: true });
  copyFileSync(`${ARTIFACTS}/${name}.png`, `${SCREENS}/${name}.png`);
}

describe("accounts in the app", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(withChildren(1, () => CHILD_TO_FIX));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("admin creates a hamlet head who sets a password on a phone; disabling ends their session within 2 s, keeping their edit", async () => {
    const admin = await (await newDevice(world.browser, DESK)).newPage();
    await login(admin, world.server.url, USERS.admin, PASSWORD);
    await admin.getByRole("link", { name: "Quản trị" }).click();
    await admin.getByRole("heading", { name: "Quản trị xã" }).waitFor();

    // A new village the hamlet head will not be given.
    await admin.locator("#new-village-id").fill("thon-bac");
    await admin.locator("#new-village-name").fill("Thôn Bắc");
    await admin.getByRole("button", { name: "Thêm thôn", exact: true }).click();
    await admin.locator('[data-roster="thon-bac"]').waitFor();

    await admin.locator("#new-username").fill(NEW_HEAD.username);
    await admin.locator("#new-display-name").fill(NEW_HEAD.name);
    await admin.locator("#new-role").selectOption("hamlet");
    await admin.getByLabel("Thôn Đông").check();
    await admin.getByRole("button", { name: "Tạo tài khoản và mã một lần" }).click();
    const code = (await admin.getByTestId("one-time-code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(await admin.locator(".code-card .qr svg").count()).toBe(1);
    await admin.getByTestId("code-card").scrollIntoViewIfNeeded();
    await screenshot(admin, "admin-code-1366x768");
    await expectNoSeriousViolations(admin, "admin code 1366");
    keep("admin-code-1366x768");
    await admin.getByRole("button", { name: "Đã trao mã" }).click();

    // The hamlet head opens the QR code's link on a phone and sets a password.
    const phone = await (await newDevice(world.browser, PHONE)).newPage();
    await phone.goto(`${world.server.url}/set-password#${encodeURIComponent(code)}`);
    await phone.getByRole("heading", { name: "Đặt mật khẩu" }).waitFor();
    expect(await phone.locator("#set-code").inputValue()).toBe(code);
    // A weak password is refused with the server's reason, and the code stays usable.
    await phone.locator("#set-password").fill("1234567890");
    await phone.locator("#set-password-again").fill("1234567890");
    await phone.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
    await phone.getByText("quá phổ biến").waitFor();
    await phone.locator("#set-password").fill(NEW_HEAD.password);
    await phone.locator("#set-password-again").fill(NEW_HEAD.password);
    await screenshot(phone, "set-password-390x844");
    await expectNoSeriousViolations(phone, "set password 390");
    keep("set-password-390x844");
    await phone.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
    await phone.getByRole("heading", { name: "Danh sách thôn" }).waitFor();
    expect(phone.url()).not.toContain(code);
    await phone.getByRole("link", { name: /Thôn Đông/ }).waitFor();
    expect(await phone.getByRole("link", { name: /Thôn Bắc/ }).count()).toBe(0);

    await phone.getByRole("link", { name: /Thôn Đông/ }).click();
    await phone.getByRole("link", { name: /Lò Thị Mai/ }).click();
    await waitAllSent(phone);

    // The admin disables the account: the open roster screen says the session ended.
    await admin.reload();
    const row = admin.locator(`tr[data-username="${NEW_HEAD.username}"]`);
    const started = Date.now();
    await row.getByRole("button", { name: "Khóa" }).click();
    await phone.getByText("Phiên đăng nhập đã hết hạn hoặc đã kết thúc").waitFor({ timeout: 2_000 });
    const endedAfterMs = Date.now() - started;
    console.info(`[accounts e2e] session ended on the phone ${endedAfterMs} ms after the admin's click`);
    expect(endedAfterMs).toBeLessThan(2_000);

    // What they type now is kept on the phone, unsent.
    await phone.locator("#child-pid").fill("014314001234");
    await phone.locator("#child-pid").press("Tab");
    await expect.poll(() => pendingShown(phone)).toBeGreaterThan(0);

    // Enabled again, they log in as themselves and the kept edit reaches the server.
    await row.getByRole("button", { name: "Mở khóa" }).click();
    await row.getByRole("button", { name: "Khóa" }).waitFor();
    await phone.locator("#login-password").fill(NEW_HEAD.password);
    await phone.getByRole("button", { name: "Đăng nhập" }).click();
    await waitAllSent(phone, 60_000);
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, token, ROSTER))[0]?.pid === "014314001234", 20_000, "the kept edit on the server");

    // The security log says who did what to whom.
    await admin.reload();
    const log = admin.getByTestId("security-log");
    await log.getByText("Khóa tài khoản").first().waitFor();
    expect(await log.getByText("Tạo tài khoản", { exact: true }).count()).toBeGreaterThan(0);
    expect(await log.getByText("Đặt mật khẩu bằng mã").count()).toBe(1);
    await admin.getByRole("heading", { name: "Tài khoản", exact: true }).scrollIntoViewIfNeeded();
    await screenshot(admin, "admin-users-1366x768");
    keep("admin-users-1366x768");
    await log.scrollIntoViewIfNeeded();
    await screenshot(admin, "admin-security-log-1366x768");
    await expectNoSeriousViolations(admin, "admin security log 1366");
    keep("admin-security-log-1366x768");
  });

  it("the province dashboard shows the communes of its province with their chart", async () => {
    await cli(world.dataDir, "commune", "add", "--code", "00004", "--name", "Phường Ba Đình");
    await cli(world.dataDir, "roster", "add", "--commune", "00004", "--id", "ba-dinh-to-1", "--name", "Tổ dân phố 1");
    await cli(world.dataDir, "commune", "add", "--code", "00008", "--name", "Phường Ngọc Hà");
    await cli(world.dataDir, "user", "add", "--commune", "00004", "--username", "admin.badinh", "--password", PASSWORD, "--role", "admin");
    await seedRoster(world.server.url, "admin.badinh", PASSWORD, "ba-dinh-to-1", (records) => {
      records.doc.transact(() => {
        for (let i = 0; i < 6; i += 1) records.createChild({ ...CHILD_TO_FIX, fullName: `Trẻ Thử ${i}`, healthBook: i < 2, vneid: i < 3 ? "level2" : "none" });
      });
    }, 6);
    await cli(world.dataDir, "user", "add", "--province", "01", "--username", "tinh.hanoi", "--password", PASSWORD, "--role", "province", "--display-name", "Công an Thành phố Hà Nội");
    const page: Page = await (await newDevice(world.browser, DESK)).newPage();
    await page.goto(`${world.server.url}/`);
    await page.getByLabel("Tên đăng nhập").fill("tinh.hanoi");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: /Tiến độ các xã, phường: Thành phố Hà Nội/ }).waitFor();
    const rows = page.getByTestId("province-communes").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const text = (await rows.allTextContents()).join(" ");
    expect(text).toContain("Phường Ba Đình");
    expect(text).toContain("Phường Ngọc Hà");
    // Figures only: none of the seeded children's names reaches the province's screen.
    expect(await page.locator("body").textContent()).not.toContain("Trẻ Thử");
    expect(await page.getByTestId("province-communes").locator("tfoot").textContent()).toContain("6");
    expect(await page.getByText("Chậm chỉ tiêu").count()).toBe(2);
    await page.getByTestId("progress-chart").waitFor();
    await page.getByRole("button", { name: "Phường Ba Đình" }).click();
    await page.getByRole("heading", { name: "Biểu đồ theo ngày: Phường Ba Đình" }).waitFor();
    await page.getByTestId("progress-chart").waitFor();
    await screenshot(page, "province-dashboard-1366x768");
    await expectNoSeriousViolations(page, "province dashboard 1366");
    keep("province-dashboard-1366x768");
  });
});

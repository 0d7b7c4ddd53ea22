// Intake sessions: commune police create a session for the level-2 ID campaign and assign
// two children; school staff see it arrive live on a phone and tick a child who came; the
// police see the tick live and print the call list (offline: it is made on the device); a
// viewer reads it all and can change nothing. The server holds the assignments.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { DESK, PHONE, login, newDevice, screenshot, waitAllSent } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { ARTIFACTS } from "./support/paths";
import { startWorld, type World } from "./support/world";

const WHEN = "13/06/2026, 07:30–11:30";

describe("intake sessions", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      seed: (records) => {
        records.doc.transact(() => {
          const mother = records.createGuardian({ ...MOTHER, phone: "0912345678" });
          records.createChild({ ...cleanChild(mother), village: "Thôn Đông", idCard: "none", vneid: "none" });
          records.createChild({ ...CHILD_TO_FIX, village: "Thôn Đông" });
          // Card issued and level 2 done: not offered by the default filter.
          records.createChild({ ...cleanChild(mother), fullName: "Hà Văn Dũng", pid: "001214000999", dob: "2014-02-02", idCard: "issued", vneid: "level2" });
        });
      },
      expectChildren: 3,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function openIntake(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await newDevice(world.browser, viewport);
    const page = await context.newPage();
    await login(page, world.server.url, username, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await page.getByRole("link", { name: "Buổi tiếp nhận", exact: true }).click();
    await page.getByRole("heading", { name: "Buổi tiếp nhận hồ sơ" }).waitFor();
    await waitAllSent(page);
    return page;
  }

  it("is created and filled by police, seen live and ticked by a school, printed offline, read-only for a viewer", async () => {
    const school = await openIntake(USERS.school, PHONE);
    await school.getByText("Chưa có buổi tiếp nhận nào.").waitFor();

    // Police create a session at the village, for two children.
    const police = await openIntake(USERS.police, DESK);
    await police.getByRole("button", { name: "+ Tạo buổi tiếp nhận" }).click();
    await police.locator("#session-date").fill("13/06/2026");
    await police.locator("#session-start").fill("07:30");
    await police.locator("#session-end").fill("11:30");
    await police.locator("#session-place-kind").selectOption("village");
    await police.locator("#session-place").fill("Nhà văn hóa thôn Đông");
    await police.locator("#session-capacity").fill("2");
    // A range that ends before it starts is refused in words, and nothing is written.
    await police.locator("#session-end").fill("07:00");
    await police.getByRole("button", { name: "Lưu buổi" }).click();
    await police.getByRole("alert").filter({ hasText: "Giờ kết thúc phải sau giờ bắt đầu." }).waitFor();
    await police.locator("#session-end").fill("11:30");
    await police.getByRole("button", { name: "Lưu buổi" }).click();
    await police.getByRole("heading", { name: WHEN }).waitFor();
    await expect.poll(() => police.getByTestId("candidate-count").textContent()).toBe("2 trẻ chưa có buổi");
    await police.getByRole("button", { name: /Xếp vào buổi.*Nguyễn Văn An/ }).click();
    await police.getByRole("button", { name: /Xếp vào buổi.*Lò Thị Mai/ }).click();
    await expect.poll(() => police.getByTestId("intake-summary").getAttribute("data-assigned")).toBe("2");
    await police.getByTestId("intake-free").filter({ hasText: "Buổi đã đủ chỗ." }).waitFor();
    // Full: the child with everything done, offered under "all", cannot be added.
    await police.locator("#assign-need").selectOption("all");
    expect(await police.getByRole("button", { name: /Xếp vào buổi.*Hà Văn Dũng/ }).isDisabled()).toBe(true);
    await waitAllSent(police);

    // The school's phone shows the new session live, with the call list in name order.
    await school.getByRole("link", { name: new RegExp(WHEN) }).click();
    await school.getByRole("heading", { name: WHEN }).waitFor();
    const names = school.locator('[data-testid="call-list"] .call-name');
    await expect.poll(() => names.allTextContents()).toEqual(["Nguyễn Văn An", "Lò Thị Mai"]);
    await school.getByText("Mẹ: Trần Thị Hoa").waitFor();
    await school.getByLabel("Đã đến: Nguyễn Văn An").check();
    await waitAllSent(school);
    await screenshot(school, "phone-intake-call-list-390x844");

    // The police see the tick arrive.
    await expect.poll(() => police.getByTestId("intake-summary").getAttribute("data-came"), { timeout: 20_000 }).toBe("1");
    expect(await police.getByLabel("Đã đến: Nguyễn Văn An").isChecked()).toBe(true);
    expect(await police.getByTestId("intake-summary").textContent()).toBe("Đã xếp 2/2 · Đã đến 1 · Vắng 0 · Chưa điểm danh 1");
    await screenshot(police, "desk-intake-session-1366x768");

    // The server holds the assignments (the child's appointment names the session).
    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    const sessionId = await police.locator("article.session-detail").getAttribute("data-session");
    await eventually(
      async () => (await apiChildren(world.server.url, token, ROSTER)).filter((c) => c.appointment === sessionId).length === 2,
      20_000,
      "assignments on the server",
    );
    // The child's own page says which session its appointment is, in words, not an id.
    const an = (await apiChildren(world.server.url, token, ROSTER)).find((c) => c.fullName === "Nguyễn Văn An");
    const editor = await police.context().newPage();
    await editor.goto(`${world.server.url}/r/${ROSTER}/c/${an?.id ?? "?"}`);
    await expect
      .poll(() => editor.getByTestId("appointment-session").textContent(), { timeout: 20_000 })
      .toBe("Buổi tiếp nhận: 13/06/2026 07:30–11:30, Tại thôn, xóm (Nhà văn hóa thôn Đông)");
    await editor.close();

    // Printing needs no network: the list is made on the device from the document.
    await police.context().setOffline(true);
    await police.getByRole("button", { name: "Xem bản in danh sách gọi" }).click();
    const frame = police.frameLocator('[data-testid="call-list-print"]');
    await frame.getByRole("heading", { name: /DANH SÁCH GỌI TRẺ EM/ }).waitFor();
    await frame.getByText("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").waitFor();
    await frame.getByText("Độc lập - Tự do - Hạnh phúc").waitFor();
    await frame.getByText(`Thời gian: ${WHEN}. Địa điểm: Nhà văn hóa thôn Đông.`).waitFor();
    const rows = frame.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").allTextContents()).toEqual([
      "1",
      "Nguyễn Văn An",
      "02/03/2015",
      "Thôn Đông",
      "Trần Thị Hoa (Mẹ)",
      "0912345678",
      "Làm thẻ căn cước (thu nhận vân tay, mống mắt, ảnh); Đăng ký định danh điện tử mức 2",
      "✓",
    ]);
    expect(await rows.nth(1).locator("td.name").textContent()).toBe("Lò Thị Mai");
    // The page as the printer gets it, saved as a PNG (and a PDF) of A4 landscape.
    const html = await police.getByTestId("call-list-print").getAttribute("srcdoc");
    expect(html).toContain("Tổng số: 2 trẻ (tối đa 2).");
    const printPage = await police.context().newPage();
    await printPage.setViewportSize({ width: 1123, height: 794 });
    await printPage.setContent(html ?? "");
    mkdirSync(ARTIFACTS, { recursive: true });
    await printPage.screenshot({ path: `${ARTIFACTS}/intake-call-list-a4.png`, fullPage: true });
    const pdf = await printPage.pdf({ format: "A4", landscape: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await printPage.close();
    await police.context().setOffline(false);

    // A viewer reads the session and its list but cannot change anything.
    const viewer = await openIntake(USERS.viewer, PHONE);
    expect(await viewer.getByRole("button", { name: "+ Tạo buổi tiếp nhận" }).count()).toBe(0);
    await viewer.getByRole("link", { name: new RegExp(WHEN) }).click();
    await expect.poll(() => viewer.locator('[data-testid="call-list"] .call-name').count()).toBe(2);
    expect(await viewer.getByLabel("Đã đến: Nguyễn Văn An").isChecked()).toBe(true);
    expect(await viewer.getByLabel("Đã đến: Lò Thị Mai").isDisabled()).toBe(true);
    expect(await viewer.getByRole("button", { name: "Vắng: Lò Thị Mai" }).isDisabled()).toBe(true);
    for (const name of ["Sửa buổi", "Hủy buổi", /Bỏ khỏi buổi.*Lò Thị Mai/]) {
      expect(await viewer.getByRole("button", { name }).count(), String(name)).toBe(0);
    }
    expect(await viewer.locator(".assign-panel").count()).toBe(0);
    await viewer.getByRole("button", { name: "Xem bản in danh sách gọi" }).waitFor();
  });
});

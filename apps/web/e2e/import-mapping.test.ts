// A commune list with one "Số điện thoại" column that does not say whose numbers they are,
// and a child of another village: the mapping asks whose the numbers are (instead of
// dropping them all), and the preview lists the other village's row and leaves it out.
import ExcelJS from "exceljs";
import type { Guardian } from "@roster/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiChildren, apiLogin, eventually, seedRoster } from "./support/api";
import { DESK, login, newDevice, waitAllSent } from "./support/browser";
import { PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

const FILE = "DS tre thon - xa Chieng Sinh.xlsx";

async function communeList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  sheet.addRow(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn", "Họ tên cha", "Họ tên mẹ", "Số điện thoại"]);
  sheet.addRow([1, "Lò Văn Phúc", "02/03/2016", "Nam", "Thôn Đông", "Lò Văn Hải", "Cầm Thị Hương", "0912 111 222"]);
  sheet.addRow([2, "Lò Thị Quế", "04/05/2017", "Nữ", "Đông", "Lò Văn Tâm", "Quàng Thị Lan", "0987333444"]);
  sheet.addRow([3, "Tòng Văn Sơn", "06/07/2016", "Nam", "Thôn Bắc", "Tòng Văn Mạnh", "Lường Thị Hoa", "0905555666"]);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("import mapping: whose phone, which village", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("asks whose the numbers are, lists the other village's row and leaves it out", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.school, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.goto(`${world.server.url}/r/${ROSTER}/import`);
    await page.getByLabel(/^Chọn tệp Excel/).setInputFiles({
      name: FILE,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await communeList(),
    });
    await page.getByTestId("import-preview").waitFor();

    // Both parents are named and no representative is: the numbers cannot be placed row by
    // row, so the mapping asks.
    const question = page.getByTestId("phone-owner");
    await question.waitFor();
    await question.getByLabel("Mẹ", { exact: true }).check();
    await expect.poll(() => page.locator('tr[data-column="H"] select').inputValue()).toBe("mother.phone");
    // Planned again with the answer: no number is left unplaced.
    await expect.poll(() => page.getByTestId("import-preview").textContent()).not.toContain("Không rõ số điện thoại");

    // The row of Thôn Bắc is listed and, unless taken, not imported.
    const others = page.getByTestId("other-village");
    await others.waitFor();
    expect(await others.locator("tbody tr").allInnerTexts()).toEqual([expect.stringContaining("Tòng Văn Sơn")]);
    expect(await others.getByRole("checkbox").isChecked()).toBe(true);
    await expect.poll(() => page.locator(".commit-bar .hint").textContent()).toContain("2");

    await page.getByRole("button", { name: "Nhập vào danh sách" }).click();
    await page.getByTestId("import-done").waitFor();
    await page.getByRole("link", { name: "Về danh sách trẻ" }).first().click();
    await waitAllSent(page, 60_000);

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, token, ROSTER)).length === 2, 20_000, "imported children");
    const names = (await apiChildren(world.server.url, token, ROSTER)).map((c) => c.fullName).sort();
    expect(names).toEqual(["Lò Thị Quế", "Lò Văn Phúc"]);
    let guardians: Guardian[] = [];
    await seedRoster(world.server.url, USERS.admin, PASSWORD, ROSTER, (records) => void (guardians = records.listGuardians()), 2);
    const phoneOf = (name: string) => guardians.find((g) => g.fullName === name)?.phone;
    expect(phoneOf("Cầm Thị Hương")).toBe("0912111222");
    expect(phoneOf("Quàng Thị Lan")).toBe("0987333444");
    expect(phoneOf("Lò Văn Hải")).toBeUndefined();
    expect(guardians.some((g) => g.fullName === "Lường Thị Hoa")).toBe(false);
    await context.close();
  });
});

// A school teacher imports a class list from Excel with the network off: the title block
// above the header, dates as Excel serial numbers and an ID number Excel turned into a
// number are read; the preview shows what would be added, updated and rejected; one
// column is corrected; the import is committed on the device and reaches the server
// once the signal returns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEntrySchema } from "@roster/schema";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { DESK, PHONE, login, newDevice, screenshot, waitAllSent, waitServiceWorker, waitStatus } from "./support/browser";
import { MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { SCHOOL_LIST_FILE, schoolListXlsx } from "./support/school-list";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { startWorld, type NetWorld } from "./support/world";

describe("importing a school list in the browser", () => {
  let world: NetWorld;

  beforeAll(async () => {
    world = await startWorld({
      net: true,
      seed: (records) => {
        records.doc.transact(() => {
          const mother = records.createGuardian(MOTHER);
          records.createChild({ ...cleanChild(mother), grade: "5A" });
        });
      },
      expectChildren: 1,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("previews, corrects a column and commits offline; the server gets the children", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await login(page, world.net.url, USERS.school, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("1 / 1");
    await waitAllSent(page);
    await waitServiceWorker(page);

    // The signal goes: everything below runs on the device alone.
    world.net.offline();
    await context.setOffline(true);
    await waitStatus(page, "offline");
    await page.getByRole("navigation", { name: "Công cụ của thôn" }).getByRole("link", { name: "Nhập từ Excel" }).click();
    await page.getByRole("heading", { name: /Nhập danh sách từ Excel/ }).waitFor();

    await page.getByLabel("Chọn tệp Excel (.xlsx, .xls) hoặc CSV").setInputFiles({
      name: SCHOOL_LIST_FILE,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await schoolListXlsx()),
    });
    const preview = page.getByTestId("import-preview");
    await preview.waitFor();
    // The header is found below the title block (row 5), and the columns are guessed.
    await page.getByText("Dòng tiêu đề: 5").waitFor();
    expect(await page.getByLabel("Cột C “Ngày sinh”: nhập vào trường").inputValue()).toBe("dob");
    expect(await page.getByLabel("Cột F “Số định danh”: nhập vào trường").inputValue()).toBe("pid");
    expect(await page.getByLabel("Cột J “Chỗ ở”: nhập vào trường").inputValue()).toBe("");

    const count = (id: string) => page.getByTestId(id).getAttribute("data-count");
    await expect.poll(() => count("count-add")).toBe("2");
    expect(await count("count-update")).toBe("1");
    expect(await count("count-rejected")).toBe("1");
    // Dates kept as Excel serial numbers are read as dates.
    expect(await page.getByTestId("import-adds").locator('tr[data-row="7"]').textContent()).toContain("14/09/2016");
    // The child already in the roster (matched by the ID number Excel stored as 1215000123) is updated field by field.
    const updates = page.getByTestId("import-updates");
    expect(await updates.locator('tr[data-row="6"]').textContent()).toContain("Nguyễn Văn An");
    expect(await updates.textContent()).toContain("Lớp: 5A → 5B");
    // 31/02 does not exist: the row is rejected with its reason, never guessed.
    expect(await page.getByTestId("import-rejected").locator('tr[data-row="9"]').textContent()).toMatch(/31\/02\/2016/);
    expect(await page.getByTestId("import-findings").count()).toBe(1);

    // The "Chỗ ở" column is the address: point it there; the preview follows.
    await page.getByLabel("Cột J “Chỗ ở”: nhập vào trường").selectOption("address");
    await expect.poll(() => updates.textContent()).toContain("Địa chỉ: (trống) → Bản Co Phương");
    await screenshot(page, "desk-import-preview-1366x768");
    await page.setViewportSize(PHONE);
    await screenshot(page, "phone-import-preview-390x844");
    await page.setViewportSize(DESK);

    await page.getByRole("button", { name: "Nhập vào danh sách" }).click();
    const done = page.getByTestId("import-done");
    await done.waitFor();
    expect(await done.textContent()).toContain(`Đã nhập tệp “${SCHOOL_LIST_FILE}”: thêm 2 trẻ, cập nhật 1 trẻ, từ chối 1 dòng.`);

    // Back on the list: three children on the device, waiting to be sent.
    await page.getByRole("link", { name: "Về danh sách trẻ" }).first().click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("3 / 3");

    // The signal returns: the import goes to the server as the teacher's change.
    world.net.online();
    await context.setOffline(false);
    await waitAllSent(page, 60_000);

    const { token } = await apiLogin(world.server.url, USERS.admin, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, token, ROSTER)).length === 3, 20_000, "imported children on the server");
    const children = await apiChildren(world.server.url, token, ROSTER);
    const byName = new Map(children.map((c) => [c.fullName, c]));
    const an = byName.get("Nguyễn Văn An");
    const binh = byName.get("Lò Văn Bình");
    const cuc = byName.get("Quàng Thị Cúc");
    expect(an).toMatchObject({ pid: "001215000123", grade: "5B", address: "Bản Co Phương", dob: "2015-03-02" });
    expect(binh).toMatchObject({ pid: "001216000456", dob: "2016-09-14", gender: "male", ethnicity: "03", address: "Bản Co Phương" });
    expect(cuc).toMatchObject({ dob: "2016-11-05", gender: "female" });
    // Siblings share one mother record.
    expect(binh?.motherId).toBeTruthy();
    expect(cuc?.motherId).toBe(binh?.motherId);
    expect(byName.has("Cầm Văn Dũng")).toBe(false);

    const response = await fetch(`${world.server.url}/api/rosters/${ROSTER}/audit`, { headers: { authorization: `Bearer ${token}` } });
    const audit = AuditEntrySchema.array().parse(await response.json());
    // The audit names the teacher and the file the change came from.
    expect(audit).toContainEqual(
      expect.objectContaining({ childId: an?.id, field: "grade", from: "5A", to: "5B", user: USERS.school, source: SCHOOL_LIST_FILE }),
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("re-imports the cleaned list it exported without changing anything", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    await login(page, world.net.url, USERS.school, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("3 / 3");
    const tools = page.getByRole("navigation", { name: "Công cụ của thôn" });
    await tools.getByRole("link", { name: "Xuất danh sách" }).click();
    await expect.poll(() => page.getByTestId("cleaned-count").textContent()).toContain("3 trẻ");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-list="cleaned.xlsx"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^du-lieu-lam-sach-thon-dong-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(await download.path());

    await tools.getByRole("link", { name: "Nhập từ Excel" }).click();
    await page.getByLabel("Chọn tệp Excel (.xlsx, .xls) hoặc CSV").setInputFiles({ name: download.suggestedFilename(), mimeType: "application/octet-stream", buffer: bytes });
    await page.getByTestId("import-preview").waitFor();
    const count = (id: string) => page.getByTestId(id).getAttribute("data-count");
    expect(await count("count-unchanged")).toBe("3");
    expect(await count("count-add")).toBe("0");
    expect(await count("count-update")).toBe("0");
    expect(await count("count-rejected")).toBe("0");
    await page.getByText("Tệp không có gì mới để nhập.").waitFor();
    expect(await page.getByRole("button", { name: "Nhập vào danh sách" }).count()).toBe(0);
    await context.close();
  });

  it("lists the rows that are not children and the dates to check, and reads the class sheets the teacher ticks", async () => {
    const fixture = async (name: string) => ({
      name,
      mimeType: "application/octet-stream",
      buffer: await readFile(fileURLToPath(new URL(`../../../packages/spreadsheet/fixtures/${name}`, import.meta.url))),
    });
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await login(page, world.net.url, USERS.school, PASSWORD);
    await page.goto(`${world.net.url}/r/${ROSTER}/import`);
    const input = page.getByLabel("Chọn tệp Excel (.xlsx, .xls) hoặc CSV");
    const count = (id: string) => page.getByTestId(id).getAttribute("data-count");

    // A hamlet head's list: subtotals, a repeated header and the signature block are listed with their reason.
    await input.setInputFiles(await fixture("danh-sach-thon-bac.xlsx"));
    const skipped = page.getByTestId("import-skipped");
    await skipped.waitFor();
    await expect.poll(() => count("count-add")).toBe("6");
    expect(await skipped.locator("tbody tr").count()).toBe(8);
    expect(await skipped.locator('tr[data-row="7"]').textContent()).toContain("Dòng cộng, tổng số");
    expect(await skipped.locator('tr[data-row="16"]').textContent()).toContain("Nằm dưới phần ký tên");

    // Dates a US-locale Excel may have swapped are listed for checking.
    await input.setInputFiles(await fixture("danh-sach-ngay-excel-my.xlsx"));
    const dates = page.getByTestId("import-dates");
    await dates.waitFor();
    expect(await dates.locator("tbody tr").count()).toBe(2);
    expect(await dates.locator('tr[data-row="3"]').textContent()).toContain("05/03/2016");

    // An old Excel 97–2003 file is read on the device too (the reader loads only for it).
    await input.setInputFiles(await fixture("danh-sach-cu.xls"));
    await expect.poll(() => page.getByTestId("import-adds").textContent()).toContain("Nghiêm Thị Ánh");
    expect(await count("count-add")).toBe("2");

    // One sheet per class: the three class sheets are read; the instructions and the hidden sheet are named.
    await input.setInputFiles(await fixture("danh-sach-nhieu-lop.xlsx"));
    const sheets = page.getByTestId("import-sheets");
    await sheets.waitFor();
    await expect.poll(() => count("count-add")).toBe("4");
    expect(await page.getByRole("checkbox", { name: "1B" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Cũ" }).isChecked()).toBe(false);
    expect(await page.getByTestId("import-sheets-skipped").textContent()).toContain("Không đọc trang “Cũ”: Trang bị ẩn");
    expect(await page.getByTestId("import-adds").textContent()).toContain("3 (trang 1B)");
    // The teacher leaves out class 2A: its rows go, and so does the duplicate it held.
    await page.getByRole("checkbox", { name: "2A" }).uncheck();
    await expect.poll(() => page.getByTestId("import-sheets-read").textContent()).toBe("Đã đọc 2 trang: 1A, 1B");
    await expect.poll(() => count("count-add")).toBe("3");
    expect(await count("count-rejected")).toBe("0");
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("offers no import to a view-only account", async () => {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.net.url, USERS.viewer, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    const tools = page.getByRole("navigation", { name: "Công cụ của thôn" });
    await tools.getByRole("link", { name: "Xuất danh sách" }).waitFor();
    expect(await tools.getByRole("link", { name: "Nhập từ Excel" }).count()).toBe(0);
    await page.goto(`${world.net.url}/r/${ROSTER}/import`);
    await page.getByText("Tài khoản chỉ xem không nhập được dữ liệu.").waitFor();
    expect(await page.locator("#import-file").count()).toBe(0);
    await context.close();
  });
});

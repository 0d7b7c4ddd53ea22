// Step 3 of the cleaning procedure: the handover list of a village's verified children,
// made on the device with the network off, printed from the app, and rendered by
// Chromium to an A4 PDF and a PNG (saved under test-artifacts/) whose content is checked.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildFields } from "@roster/schema";
import { readWorkbook } from "@roster/spreadsheet";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { DESK, login, newDevice, waitAllSent, waitServiceWorker, waitStatus } from "./support/browser";
import { CHILD_TO_FIX, MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { ARTIFACTS } from "./support/paths";
import { startWorld, type NetWorld } from "./support/world";

const VERIFIED = ["Nguyễn Văn An", "Nguyễn Thị Bích", "Nguyễn Văn Cường"];
const NOT_VERIFIED = "Nguyễn Văn Dũng";

function sibling(motherId: string, fullName: string, dob: string, gender: "male" | "female", pid: string): ChildFields {
  return { ...cleanChild(motherId), fullName, dob, gender, pid, birthRegisteredOn: dob };
}

describe("the printable handover list", () => {
  let world: NetWorld;

  beforeAll(async () => {
    world = await startWorld({
      net: true,
      seed: (records) => {
        records.doc.transact(() => {
          const mother = records.createGuardian(MOTHER);
          records.createChild(cleanChild(mother));
          records.createChild(sibling(mother, "Nguyễn Thị Bích", "2016-05-20", "female", "001316000245"));
          records.createChild(sibling(mother, "Nguyễn Văn Cường", "2014-08-11", "male", "001214000378"));
          records.createChild(sibling(mother, NOT_VERIFIED, "2017-01-09", "male", "001217000411"));
          records.createChild(CHILD_TO_FIX);
        });
      },
      expectChildren: 5,
    });
    // The commune police verify three of the clean children.
    const police = await apiLogin(world.server.url, USERS.police, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, police.token, ROSTER)).filter((c) => c.status === "clean").length === 4, 20_000, "marks");
    for (const child of await apiChildren(world.server.url, police.token, ROSTER)) {
      if (!VERIFIED.includes(child.fullName ?? "")) continue;
      const response = await fetch(`${world.server.url}/api/rosters/${ROSTER}/children/${child.id}/verify`, {
        method: "POST",
        headers: { authorization: `Bearer ${police.token}`, "content-type": "application/json" },
        body: JSON.stringify({ fingerprint: child.fingerprint }),
      });
      expect(response.status).toBe(200);
    }
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("is made offline, printed from the app, and renders to an A4 PDF and a PNG", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await login(page, world.net.url, USERS.admin, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await expect.poll(() => page.locator('[data-status="verified"], .badge-verified').count()).toBeGreaterThanOrEqual(3);
    await waitServiceWorker(page);

    world.net.offline();
    await context.setOffline(true);
    await waitStatus(page, "offline");
    await page.getByRole("link", { name: "Xuất danh sách" }).click();
    await page.getByRole("heading", { name: /Xuất danh sách/ }).waitFor();
    await page.getByLabel("Thôn", { exact: true }).selectOption(ROSTER);
    await expect.poll(() => page.getByTestId("handover-count").textContent()).toContain("3 trẻ");
    // The commune's name comes from the server (kept on the device): nobody types it.
    await expect.poll(() => page.getByTestId("handover-commune").textContent()).toBe("Xã Chiềng Sinh");
    await expect.poll(() => page.getByLabel("Thôn", { exact: true }).locator("option").allTextContents()).toEqual(["Thôn Đông"]);
    await page.getByLabel("Ngày ký").fill("23/11/2026");
    await page.getByRole("button", { name: "Xem bản in A4" }).click();

    const frameElement = page.getByTestId("handover-print");
    await frameElement.waitFor();
    const frame = page.frameLocator('[data-testid="handover-print"]');
    await frame.getByRole("heading", { name: "DANH SÁCH TRẺ EM ĐÃ RÀ SOÁT, XÁC MINH THÔNG TIN" }).waitFor();

    // "In" prints the document frame (the browser's print dialog is replaced by a counter).
    await page.evaluate(() => {
      const frameWindow = document.querySelector<HTMLIFrameElement>('[data-testid="handover-print"]')?.contentWindow as (Window & { printed?: number }) | null;
      if (!frameWindow) throw new Error("no print frame");
      frameWindow.printed = 0;
      frameWindow.print = () => {
        frameWindow.printed = (frameWindow.printed ?? 0) + 1;
      };
    });
    await page.getByRole("button", { name: "In", exact: true }).click();
    expect(await page.evaluate(() => (document.querySelector<HTMLIFrameElement>('[data-testid="handover-print"]')?.contentWindow as { printed?: number } | null)?.printed)).toBe(1);

    // On a phone the document opens as a page of its own, printed from the browser's menu.
    const [tab] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Mở bản in trong thẻ mới (để in từ điện thoại)" }).click()]);
    await tab.getByRole("heading", { name: "DANH SÁCH TRẺ EM ĐÃ RÀ SOÁT, XÁC MINH THÔNG TIN" }).waitFor();
    expect(await tab.locator("tbody tr").count()).toBe(3);
    await tab.close();

    // The XLSX of the same list, made offline too.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải Excel (.xlsx)" }).nth(1).click()]);
    expect(download.suggestedFilename()).toBe(`danh-sach-ban-giao-${ROSTER}-2026-11-23.xlsx`);
    const xlsxPath = await download.path();
    const { readFile } = await import("node:fs/promises");
    const sheet = await readWorkbook(new Uint8Array(await readFile(xlsxPath)), "handover.xlsx");
    const names = sheet.rows.map((row) => String(row[1] ?? ""));
    for (const name of VERIFIED) expect(names).toContain(name);
    expect(names).not.toContain(NOT_VERIFIED);

    // The document as the app made it, rendered on its own: A4 PDF and a PNG.
    const html = await frameElement.getAttribute("srcdoc");
    expect(html).toBeTruthy();
    const printPage = await context.newPage();
    await printPage.setContent(html!);
    await printPage.emulateMedia({ media: "print" });
    const text = await printPage.locator("body").innerText();
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("Xã Chiềng Sinh, ngày 23 tháng 11 năm 2026");
    expect(text).toContain("Thôn Đông, Xã Chiềng Sinh");
    const rows = await printPage.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(3);
    for (const name of VERIFIED) expect(rows.some((row) => row.includes(name))).toBe(true);
    expect(text).not.toContain(NOT_VERIFIED);
    expect(text).not.toContain(CHILD_TO_FIX.fullName);
    expect(rows.find((row) => row.includes("Nguyễn Văn An"))).toContain("001215000123");
    expect(rows.find((row) => row.includes("Nguyễn Văn An"))).toContain("Trần Thị Hoa");
    expect(text).toContain("Danh sách gồm 3 trẻ em.");
    const signatures = await printPage.locator(".signatures .role").allInnerTexts();
    expect(signatures).toEqual(["NGƯỜI TIẾP NHẬN", "CÔNG AN XÃ CHIỀNG SINH"]);

    mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = await printPage.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    writeFileSync(`${ARTIFACTS}/handover-list.pdf`, pdf);
    const pdfText = pdf.toString("latin1");
    expect(pdfText.startsWith("%PDF-")).toBe(true);
    // A4 is 595 × 842 points.
    expect(pdfText).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    // The PNG as the page shows on screen (A4 width at 96 dpi, with its margins).
    await printPage.emulateMedia({ media: "screen" });
    await printPage.setViewportSize({ width: 794, height: 1123 });
    await printPage.screenshot({ path: `${ARTIFACTS}/handover-list.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

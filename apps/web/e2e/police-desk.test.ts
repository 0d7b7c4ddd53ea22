// Where agencies meet at the police desk: a date of birth two agencies set differently
// offline cannot be signed until police settle it there; the queue searches without
// diacritics, moves on after each verification and shows what changed since one; the
// cleaned list holds verified records in normal form; no serious accessibility violation;
// the desk works with the keyboard alone.
import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildFields } from "@roster/schema";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { apiChildren, apiLogin, eventually, seedRoster } from "./support/api";
import { expectNoSeriousViolations } from "./support/axe";
import { DESK, PHONE, login, newDevice, waitAllSent, waitStatus } from "./support/browser";
import { MOTHER, PASSWORD, ROSTER, USERS } from "./support/fixtures";
import { startWorld, type NetWorld } from "./support/world";

const SCREENS = "/work/screens";
const DISPUTED = "Nguyễn Văn An";
const TYPED = "trần  thị   bích";
const EDITED = "Lê Văn Cường";
const NEXT = "Lò Văn Dũng";

function child(motherId: string, fields: ChildFields): ChildFields {
  return {
    gender: "male",
    ethnicity: "01",
    birthRegisteredOn: "2016-12-20",
    residenceType: "permanent",
    residenceRegisteredOn: "2017-01-10",
    school: "TH Kim Đồng",
    grade: "3A",
    motherId,
    representative: "mother",
    ...fields,
  };
}

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS, { recursive: true });
  const path = `${SCREENS}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Types a date into the child editor's date field, in whichever form the control takes. */
async function typeDate(page: Page, selector: string, iso: string): Promise<void> {
  const input = page.locator(selector);
  const [y, m, d] = iso.split("-");
  await input.fill((await input.getAttribute("type")) === "date" ? iso : `${d}/${m}/${y}`);
  await input.press("Tab");
}

/** Presses Tab until `target` has the focus (keyboard only, no clicks). */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

const expectNoSerious = expectNoSeriousViolations;

describe("the police desk", () => {
  let world: NetWorld;
  let police: { token: string };
  const screens: string[] = [];

  beforeAll(async () => {
    world = await startWorld({
      net: true,
      seed: (records) =>
        records.doc.transact(() => {
          const mother = records.createGuardian(MOTHER);
          records.createChild(child(mother, { fullName: DISPUTED, dob: "2016-12-01", pid: "001216000123" }));
          records.createChild(child(mother, { fullName: TYPED, dob: "2016-10-02", gender: "female", pid: "001 316 000 245" }));
          records.createChild(child(mother, { fullName: EDITED, dob: "2016-09-03", pid: "001216000378" }));
          records.createChild(child(mother, { fullName: NEXT, dob: "2016-08-04", pid: "001216000411" }));
        }),
      expectChildren: 4,
    });
    police = await apiLogin(world.server.url, USERS.police, PASSWORD);
    await eventually(async () => (await apiChildren(world.server.url, police.token, ROSTER)).filter((c) => c.status === "clean").length === 4, 20_000, "marks");
    // Police verified Bích (typed as in the field) and Cường earlier.
    for (const c of await apiChildren(world.server.url, police.token, ROSTER)) {
      if (c.fullName !== TYPED && c.fullName !== EDITED) continue;
      expect((await verifyAnswer(c.id, c.fingerprint!)).status).toBe(200);
    }
    // The school then corrects Cường's ID number: the record needs verifying again.
    const cuong = (await apiChildren(world.server.url, police.token, ROSTER)).find((c) => c.fullName === EDITED)!;
    await seedRoster(world.server.url, USERS.school, PASSWORD, ROSTER, (records, actor) => records.setChildField(cuong.id, "pid", "001216000379", actor), 4);
    await eventually(
      async () => (await apiChildren(world.server.url, police.token, ROSTER)).some((c) => c.fullName === EDITED && c.findings.some((f) => f.code === "verification.stale")),
      20_000,
      "the stale verification",
    );
  });

  afterAll(async () => {
    await world?.stop();
    console.log(`screenshots:\n${screens.join("\n")}`);
  });

  function verifyAnswer(childId: string, fingerprint: string): Promise<Response> {
    return fetch(`${world.server.url}/api/rosters/${ROSTER}/children/${childId}/verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${police.token}`, "content-type": "application/json" },
      body: JSON.stringify({ fingerprint }),
    });
  }

  async function openDesk(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDevice(world.browser, viewport);
    const page = await context.newPage();
    await login(page, world.net.url, USERS.police, PASSWORD);
    await page.goto(`${world.net.url}/r/${ROSTER}/verify`);
    await page.getByRole("heading", { name: "Hàng chờ xác minh" }).waitFor();
    await waitAllSent(page);
    return { context, page };
  }

  async function openEditor(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDevice(world.browser, PHONE);
    const page = await context.newPage();
    await login(page, world.net.url, username, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await waitAllSent(page);
    await page.getByRole("link", { name: new RegExp(DISPUTED) }).click();
    await page.getByRole("heading", { name: DISPUTED }).waitFor();
    return { context, page };
  }

  it("searches the queue by folded name and by ID-number digits", async () => {
    const { context, page } = await openDesk(DESK);
    const list = page.locator(".list-pane .child-name");
    await expect.poll(() => list.allTextContents()).toEqual(expect.arrayContaining([DISPUTED, NEXT]));
    await page.getByLabel("Tìm theo tên hoặc số định danh").fill("lo dung");
    await expect.poll(() => list.allTextContents()).toEqual([NEXT]);
    await page.getByLabel("Tìm theo tên hoặc số định danh").fill("216 000 123");
    await expect.poll(() => list.allTextContents()).toEqual([DISPUTED]);
    await page.getByLabel("Tìm theo tên hoặc số định danh").fill("");
    await page.getByRole("tab", { name: /Đã xác minh/ }).click();
    await page.getByLabel("Tìm theo tên hoặc số định danh").fill("bich");
    await expect.poll(() => list.allTextContents()).toEqual([TYPED]);
    await context.close();
  });

  it("shows what changed since a verification: field, from, to, who", async () => {
    const { context, page } = await openDesk(DESK);
    await page.getByRole("tab", { name: /Đã sửa sau khi xác minh/ }).click();
    await page.getByRole("link", { name: new RegExp(EDITED) }).click();
    const changes = page.getByTestId("changes-since");
    const row = changes.locator('tr[data-field="pid"]');
    await row.waitFor({ timeout: 20_000 });
    expect((await row.locator("td").allTextContents()).slice(0, 4)).toEqual(["Số định danh cá nhân", "001216000378", "001216000379", USERS.school]);
    expect(await changes.locator("tbody tr").count()).toBe(1);
    screens.push(await shot(page, "police-desk-changes-since-1366x768"));
    await context.close();
  });

  it("refuses to sign a date of birth in dispute; police settle it at the desk (keyboard only), then verify and hand over the settled value", async () => {
    const school = await openEditor(USERS.school);
    const hamlet = await openEditor(USERS.hamlet);
    world.net.offline();
    for (const side of [school, hamlet]) await side.context.setOffline(true);
    await waitStatus(school.page, "offline");
    await waitStatus(hamlet.page, "offline");
    await typeDate(school.page, "#child-dob", "2016-12-11");
    await typeDate(hamlet.page, "#child-dob", "2016-11-12");
    world.net.online();
    for (const side of [school, hamlet]) await side.context.setOffline(false);
    await waitAllSent(school.page, 60_000);
    await waitAllSent(hamlet.page, 60_000);
    await school.context.close();
    await hamlet.context.close();

    // The server refuses too: 409 with its own code while the conflict is open.
    let disputed = (await apiChildren(world.server.url, police.token, ROSTER)).find((c) => c.fullName === DISPUTED)!;
    await eventually(async () => {
      disputed = (await apiChildren(world.server.url, police.token, ROSTER)).find((c) => c.fullName === DISPUTED)!;
      return disputed.findings.some((f) => f.code === "conflict.field" && f.field === "dob");
    }, 20_000, "the conflict on the server");
    const refused = await verifyAnswer(disputed.id, disputed.fingerprint!);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("verify.conflict");

    for (const viewport of [PHONE, DESK]) {
      const { context, page } = await openDesk(viewport);
      await page.goto(`${world.net.url}/r/${ROSTER}/verify/${disputed.id}`);
      const field = page.locator('[data-testid="disputed"] [data-field="dob"]');
      await field.waitFor({ timeout: 20_000 });
      expect(await field.locator("h4").textContent()).toContain("Ngày sinh");
      await expect.poll(() => field.locator(".disputed-value").allTextContents()).toEqual(expect.arrayContaining(["11/12/2016", "12/11/2016"]));
      const who = (await field.locator(".disputed-by").allTextContents()).join(" | ");
      expect(who).toContain(USERS.school);
      expect(who).toContain(USERS.hamlet);
      expect(who).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      // Neither the queue nor the record shows one of the dates as if it were settled.
      if (viewport === DESK) {
        expect(await page.locator(`.list-pane a.child-item[href$="/${disputed.id}"] .child-meta`).textContent()).toContain("Ngày sinh chưa thống nhất");
      }
      // The record's own date of birth is not shown as if settled.
      expect(await page.locator(".facts dd.in-dispute").first().textContent()).toBe("Giá trị đang tranh chấp");
      await expect.poll(() => page.getByRole("button", { name: "Xác minh", exact: true }).isDisabled()).toBe(true);
      expect(await page.getByTestId("verify-blocker").textContent()).toContain("Ngày sinh");
      await expectNoSerious(page, `verify desk with a conflict at ${viewport.width}px`);
      screens.push(await shot(page, `police-desk-conflict-${viewport.width}x${viewport.height}`));
      if (viewport === PHONE) {
        await context.close();
        continue;
      }

      // The keyboard alone: search, open the record, settle, verify.
      await page.goto(`${world.net.url}/r/${ROSTER}/verify`);
      await page.getByRole("heading", { name: "Hàng chờ xác minh" }).waitFor();
      await waitAllSent(page);
      await tabTo(page, page.locator("#queue-search"));
      await page.keyboard.type("nguyen van an");
      await tabTo(page, page.locator(`.list-pane a.child-item[href$="/${disputed.id}"]`));
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: DISPUTED, level: 2 }).waitFor();
      await tabTo(page, page.locator('[data-testid="disputed"] [data-field="dob"] li', { hasText: "11/12/2016" }).getByRole("button"));
      await page.keyboard.press("Space");
      await expect.poll(() => page.getByTestId("verify-message").textContent()).toContain("11/12/2016");
      await expect.poll(() => page.locator('[data-testid="disputed"]').count(), { timeout: 20_000 }).toBe(0);
      screens.push(await shot(page, "police-desk-settled-1366x768"));
      await waitAllSent(page);
      await expect.poll(() => page.getByRole("button", { name: "Xác minh", exact: true }).isEnabled(), { timeout: 20_000 }).toBe(true);
      await tabTo(page, page.getByRole("button", { name: "Xác minh", exact: true }));
      await page.keyboard.press("Enter");
      // The desk moves on to the next record of the list.
      await page.getByRole("heading", { name: NEXT, level: 2 }).waitFor({ timeout: 20_000 });
      expect(page.url()).not.toContain(disputed.id);
      expect(await page.getByTestId("desk-moved").textContent()).toContain(DISPUTED);
      await expectNoSerious(page, "verify desk at 1366px");
      screens.push(await shot(page, "police-desk-1366x768"));

      const after = (await apiChildren(world.server.url, police.token, ROSTER)).find((c) => c.id === disputed.id)!;
      expect(after).toMatchObject({ status: "verified", dob: "2016-12-11" });

      // The handover list, made on the device, prints the settled value.
      await page.goto(`${world.net.url}/r/${ROSTER}/lists`);
      await page.getByRole("heading", { name: /Xuất danh sách/ }).waitFor();
      await expect.poll(() => page.getByTestId("handover-count").textContent()).toContain("2 trẻ");
      await page.getByRole("button", { name: "Xem bản in A4" }).click();
      const print = page.frameLocator('[data-testid="handover-print"]');
      const rowText = await print.locator("tbody tr", { hasText: DISPUTED }).innerText();
      expect(rowText).toContain("11/12/2016");
      expect(rowText).not.toContain("12/11/2016");
      await context.close();
    }
  });

  it("the cleaned list made on the device holds the verified records only, every value normalised", async () => {
    const { context, page } = await openDesk(DESK);
    await page.goto(`${world.net.url}/r/${ROSTER}/lists`);
    await page.getByRole("heading", { name: /Xuất danh sách/ }).waitFor();
    await expect.poll(() => page.getByTestId("cleaned-count").textContent()).toContain("2 trẻ");
    expect(await page.getByRole("heading", { name: /Bước 2/ }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Mở bàn xác minh của công an" }).getAttribute("href")).toBe(`/r/${ROSTER}/verify`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-list="cleaned.csv"]').click()]);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text).toContain("Trần Thị Bích");
    expect(text).toContain("001316000245");
    expect(text).toContain(DISPUTED);
    expect(text).toContain("11/12/2016");
    expect(text).not.toContain(EDITED);
    expect(text).not.toContain(NEXT);
    expect(text).not.toContain(TYPED);
    await context.close();
  });

  it("the verify desk and the lists have no serious or critical accessibility violation at 390 and 1366 px", async () => {
    for (const viewport of [PHONE, DESK]) {
      const { context, page } = await openDesk(viewport);
      await expectNoSerious(page, `verify queue at ${viewport.width}px`);
      if (viewport === PHONE) screens.push(await shot(page, "police-desk-390x844"));
      const edited = (await apiChildren(world.server.url, police.token, ROSTER)).find((c) => c.fullName === EDITED)!;
      await page.goto(`${world.net.url}/r/${ROSTER}/verify/${edited.id}`);
      await page.getByTestId("changes-since").locator("tbody tr").first().waitFor({ timeout: 20_000 });
      await expectNoSerious(page, `verify desk with changes since verification at ${viewport.width}px`);
      // ID numbers and dates stay on one line: each value's text makes a single line box.
      const lines = await page.locator(".facts dd.nowrap").evaluateAll((cells) =>
        cells.map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return { text: cell.textContent ?? "", lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
        }),
      );
      expect(lines.length).toBeGreaterThanOrEqual(6);
      expect(lines.filter((l) => l.lines !== 1), JSON.stringify(lines)).toEqual([]);
      await page.goto(`${world.net.url}/r/${ROSTER}/lists`);
      await page.getByRole("heading", { name: /Xuất danh sách/ }).waitFor();
      await expect.poll(() => page.getByTestId("handover-count").textContent()).toMatch(/[1-9] trẻ/);
      await expectNoSerious(page, `lists at ${viewport.width}px`);
      screens.push(await shot(page, `lists-${viewport.width}x${viewport.height}`));
      await context.close();
    }
  });
});

// Commune police reconcile a village's roster with their extract of the national
// population database at the desk: the agreeing group verified in one action, one national
// value taken, one missing child added; the roster, the progress figures and the handover
// list follow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReconcileResultSchema } from "@roster/schema";
import { apiChildren, apiLogin, eventually } from "./support/api";
import { expectNoSeriousViolations } from "./support/axe";
import { DESK, login, newDevice, screenshot } from "./support/browser";
import { MOTHER, PASSWORD, ROSTER, USERS, cleanChild } from "./support/fixtures";
import { startWorld, type World } from "./support/world";

const HEADER = "STT,Số định danh cá nhân,\"Họ, chữ đệm và tên\",\"Ngày, tháng, năm sinh\",Giới tính,Dân tộc,Họ và tên mẹ,Số định danh cá nhân của mẹ,Tài khoản định danh điện tử";
const mother = `${MOTHER.fullName},${MOTHER.pid}`;
const EXTRACT = [
  HEADER,
  `1,001215000123,Nguyễn Văn An,02/03/2015,Nam,Kinh,${mother},Mức độ 2`,
  `2,001315000456,Nguyễn Thị Cúc,05/06/2015,Nữ,Kinh,${mother},`,
  // The roster spells her name "Nguyễn Thị Bính": the national name is "Nguyễn Thị Bình".
  `3,001316000789,Nguyễn Thị Bình,07/08/2016,Nữ,Kinh,${mother},`,
  // A child of campaign age the roster lacks, and her mother (an adult).
  `4,001317000999,Nguyễn Thị Ngân,11/11/2017,Nữ,Kinh,${mother},`,
  `5,${MOTHER.pid},${MOTHER.fullName},12/04/1988,Nữ,Kinh,,,Mức độ 2`,
].join("\n");

describe("reconciling with the national extract at the police desk", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      seed: (records) => {
        records.doc.transact(() => {
          const m = records.createGuardian(MOTHER);
          records.createChild(cleanChild(m));
          records.createChild({ ...cleanChild(m), fullName: "Nguyễn Thị Cúc", gender: "female", dob: "2015-06-05", pid: "001315000456", birthRegisteredOn: "2015-06-10" });
          records.createChild({ ...cleanChild(m), fullName: "Nguyễn Thị Bính", gender: "female", dob: "2016-08-07", pid: "001316000789", birthRegisteredOn: "2016-08-10" });
        });
      },
      expectChildren: 3,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("verifies the agreeing group, takes a national value and adds a missing child", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await login(page, world.server.url, USERS.police, PASSWORD);
    await page.getByRole("link", { name: /Thôn Đông/ }).click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toContain("3 / 3");
    await page.getByRole("link", { name: "Đối chiếu CSDL dân cư" }).click();
    await page.getByRole("heading", { name: /Đối chiếu với Cơ sở dữ liệu quốc gia về dân cư/ }).waitFor();

    await page.getByLabel(/Chọn tệp trích xuất/).setInputFiles({ name: "trich-xuat-thon-dong.csv", mimeType: "text/csv", buffer: Buffer.from(EXTRACT, "utf8") });
    const agree = page.getByTestId("reconcile-agree");
    await agree.getByText("(2)").waitFor();
    expect(await page.getByLabel("Cột C “Họ, chữ đệm và tên”: nhập vào trường").inputValue()).toBe("fullName");
    // The difference side by side: the roster's value, the national one.
    const differ = page.getByTestId("reconcile-differ");
    const row = differ.locator("tbody tr").first();
    expect(await row.textContent()).toContain("Nguyễn Thị Bính");
    expect(await row.locator("td.value").allTextContents()).toEqual(["Nguyễn Thị Bính", "Nguyễn Thị Bình"]);
    await page.getByTestId("reconcile-extract-only").getByText("Nguyễn Thị Ngân").waitFor();
    await page.getByTestId("reconcile-other").getByText("(1)").waitFor();
    await screenshot(page, "reconcile-preview-desk");
    await expectNoSeriousViolations(page, "reconcile preview 1366");

    // The agreeing group is ticked already: one action verifies it. Take the national name, add Ngân.
    expect(await agree.getByRole("checkbox", { name: /Xác minh cả nhóm/ }).isChecked()).toBe(true);
    await differ.getByRole("checkbox", { name: "Nhận Họ và tên quốc gia cho Nguyễn Thị Bính" }).check();
    await page.getByRole("checkbox", { name: "Thêm Nguyễn Thị Ngân" }).check();
    const apply = page.getByTestId("reconcile-apply");
    expect(await apply.textContent()).toBe("Áp dụng: xác minh 3 trẻ, nhận 1 giá trị, thêm 1 trẻ");
    const answer = page.waitForResponse((r) => r.url().includes(`/api/rosters/${ROSTER}/reconcile`) && r.request().method() === "POST");
    await apply.click();
    const result = ReconcileResultSchema.parse(await (await answer).json());
    // Updated: Bình's name, and An's VNeID level, which follows the extract.
    expect(result).toEqual({ verified: 3, updated: 2, added: 1, refused: [] });
    await page.getByTestId("reconcile-done").getByText("Đã xác minh 3 trẻ, cập nhật 2 hồ sơ, thêm 1 trẻ.").waitFor();

    // The server holds it all: statuses, the national name, the new child.
    const { token } = await apiLogin(world.server.url, USERS.police, PASSWORD);
    await eventually(async () => {
      const children = await apiChildren(world.server.url, token, ROSTER);
      const status = Object.fromEntries(children.map((c) => [c.fullName, c.status]));
      const an = children.find((c) => c.fullName === "Nguyễn Văn An");
      return an?.vneid === "level2" && status["Nguyễn Văn An"] === "verified" && status["Nguyễn Thị Cúc"] === "verified" && status["Nguyễn Thị Bình"] === "verified" && "Nguyễn Thị Ngân" in status;
    }, 20_000, "verified children on the server");
    const progress = await (await fetch(`${world.server.url}/api/rosters/${ROSTER}/progress`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(JSON.stringify(progress)).toMatch(/"verified":3/);
    const handover = await (await fetch(`${world.server.url}/api/rosters/${ROSTER}/export?format=csv&list=handover`, { headers: { authorization: `Bearer ${token}` } })).text();
    for (const name of ["Nguyễn Văn An", "Nguyễn Thị Cúc", "Nguyễn Thị Bình"]) expect(handover).toContain(name);

    // The roster list on this device shows the new child and the verified ones.
    await page.getByRole("link", { name: /Về danh sách trẻ/ }).first().click();
    await expect.poll(() => page.getByTestId("list-count").textContent(), { timeout: 20_000 }).toContain("4 / 4");
    await page.getByText("Nguyễn Thị Ngân").first().waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("is the police's alone: the desk tells others so, the server refuses them", async () => {
    const context = await newDevice(world.browser, DESK);
    const page = await context.newPage();
    await login(page, world.server.url, USERS.school, PASSWORD);
    await page.goto(`${world.server.url}/r/${ROSTER}/reconcile`);
    await page.getByText("Chỉ công an xã đối chiếu và xác minh hồ sơ.").waitFor();
    expect(await page.getByLabel(/Chọn tệp trích xuất/).count()).toBe(0);
    await context.close();
  });
});

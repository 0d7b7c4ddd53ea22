import type { Child, Guardian } from "@roster/schema";
import { evaluateRoster } from "@roster/rules";
import { describe, expect, it } from "vitest";
import { CLEANED_LIST_COLUMNS, cleanedListChildren, exportCleanedList } from "./export-cleaned-list";
import { exportHandoverList } from "./export-handover-list";
import { exportProblemList, findingsInWords } from "./export-problem-list";
import { escapeHtml, handoverHtml } from "./handover-html";

const hung: Guardian = { id: "g1", fullName: "Nguyễn Văn Hùng", gender: "male", pid: "001085012345", dob: "1985-02-01", phone: "0912345678", vneid: "level2" };
const lan: Guardian = { id: "g2", fullName: "Trần Thị Lan", gender: "female", pid: "001187012345", phone: "0987654321" };
const guardians = { g1: hung, g2: lan };
const base: Partial<Child> = {
  gender: "male", ethnicity: "01", residenceType: "permanent", birthRegisteredOn: "2015-03-10", residenceRegisteredOn: "2015-03-20",
  fatherId: "g1", motherId: "g2", representative: "father", village: "Thôn Đông",
};
const children: Child[] = [
  { ...base, id: "c1", fullName: "Nguyễn Văn Bình", dob: "2015-03-04", pid: "001215012345" },
  { ...base, id: "c2", fullName: "Nguyễn Văn An", dob: "2016-05-06", pid: null, village: "Thôn Bắc" },
  { ...base, id: "c3", fullName: "Nguyễn Thị Chi", dob: "2017-07-08", gender: "female", pid: "001317012345", note: "=1+1" },
  { ...base, id: "c4", fullName: "Nguyễn Văn Dũng", dob: "2014-01-01", pid: "001214012345", removed: true },
];
const evaluations = evaluateRoster(children, guardians, { asOf: "2026-06-01" });

describe("exportProblemList", () => {
  it("lists the children needing a fix, by village and name, with their findings in words", () => {
    const table = exportProblemList(children, guardians, evaluations, { village: "Thôn Đông", commune: "Xã An Bình", asOf: "2026-06-01" });
    expect(table.title).toEqual(["DANH SÁCH TRẺ EM CẦN BỔ SUNG, ĐIỀU CHỈNH THÔNG TIN", "Thôn Đông, Xã An Bình", "(Số liệu tính đến ngày 01/06/2026)"]);
    expect(table.rows.map((r) => [r[0], r[1], r[2]])).toEqual([[1, "Thôn Bắc", "Nguyễn Văn An"]]);
    const row = table.rows[0]!;
    expect(row[6]).toBe("Nguyễn Văn Hùng");
    expect(row[9]).toBe("0912345678");
    expect(row[10]).toBe("Chưa có số định danh cá nhân");
  });

  it("words errors first, warnings as notes", () => {
    expect(findingsInWords([
      { code: "guardian.no_level2", field: "father.vneid", severity: "warning", message: { vi: "Chưa có VNeID mức 2", en: "" } },
      { code: "pid.missing", field: "pid", severity: "error", message: { vi: "Chưa có số định danh cá nhân", en: "" } },
    ])).toBe("Chưa có số định danh cá nhân; Lưu ý: Chưa có VNeID mức 2");
  });
});

describe("exportHandoverList and handoverHtml", () => {
  const list = exportHandoverList(children, guardians, {
    village: "Thôn Đông", commune: "Xã An Bình", date: "2026-06-05", verified: new Set(["c1", "c3", "c4"]), issuer: ["UBND XÃ AN BÌNH", "THÔN ĐÔNG"],
  });

  it("lists the verified children that are not removed, in class-list order, with the representative", () => {
    expect(list.table.rows.map((r) => r[1])).toEqual(["Nguyễn Văn Bình", "Nguyễn Thị Chi"]);
    expect(list.table.rows[0]).toEqual([1, "Nguyễn Văn Bình", "04/03/2015", "Nam", "001215012345", "Nguyễn Văn Hùng (Cha)", "001085012345", "Thôn Đông", ""]);
    expect(list.placeAndDate).toBe("Xã An Bình, ngày 05 tháng 6 năm 2026");
    expect(list.policeTitle).toBe("CÔNG AN XÃ AN BÌNH");
  });

  it("prints as an A4 administrative document: national heading, title, table, date, two signature blocks", () => {
    const html = handoverHtml(list);
    expect(html).toContain("@page { size: A4 portrait;");
    expect(html).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(html).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(html).toContain("<p>UBND XÃ AN BÌNH</p><p>THÔN ĐÔNG</p>");
    expect(html).toContain("DANH SÁCH TRẺ EM ĐÃ RÀ SOÁT, XÁC MINH THÔNG TIN");
    expect(html).toContain("Xã An Bình, ngày 05 tháng 6 năm 2026");
    expect(html).toContain("Danh sách gồm 2 trẻ em.");
    expect(html).toContain("NGƯỜI TIẾP NHẬN");
    expect(html).toContain("CÔNG AN XÃ AN BÌNH");
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|https?:/);
  });

  it("never prints a value in dispute as settled", () => {
    const disputed = new Map([["c1", new Map([["dob", ["2016-12-11", "2016-11-12"]], ["father.pid", ["001085012345", "001085099999"]]])]]);
    const withDispute = exportHandoverList(children, guardians, {
      village: "Thôn Đông", commune: "Xã An Bình", date: "2026-06-05", verified: new Set(["c1"]), disputed,
    });
    const row = withDispute.table.rows[0]!;
    expect(row[2]).toBe("CHƯA THỐNG NHẤT: 11/12/2016 / 12/11/2016");
    expect(row[6]).toBe("CHƯA THỐNG NHẤT: 001085012345 / 001085099999");
    expect(row[4]).toBe("001215012345");
    expect(row[8]).toBe("Có giá trị đang tranh chấp, chưa ký xác nhận");
    expect(handoverHtml(withDispute)).not.toContain(">04/03/2015<");
  });

  it("escapes every value", () => {
    const hostile = exportHandoverList([{ ...children[0]!, fullName: "<img src=x onerror=alert(1)>" }], guardians, {
      village: "Thôn \"Đông\"", commune: "Xã A&B", date: "2026-06-05", verified: new Set(["c1"]),
    });
    const html = handoverHtml(hostile);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("Xã A&amp;B");
    expect(escapeHtml(`'"&<>`)).toBe("&#39;&quot;&amp;&lt;&gt;");
  });
});

describe("exportCleanedList", () => {
  it("holds the verified children unless another status is asked for, never removed ones", () => {
    const statuses: Record<string, "verified" | "clean" | "needs-fix"> = { c1: "verified", c2: "needs-fix", c3: "clean", c4: "verified" };
    const statusOf = (id: string) => statuses[id];
    expect(cleanedListChildren(children, statusOf).map((c) => c.id)).toEqual(["c1"]);
    expect(cleanedListChildren(children, statusOf, "clean").map((c) => c.id)).toEqual(["c3"]);
  });

  it("writes every value in its normalised form", () => {
    const typed: Child = {
      ...base, id: "c9", fullName: "nguyễn  văn   bình", dob: "2015-03-04", pid: "001 215-012.345", bhyt: "hs 401 0123456789",
      fatherId: "g9", motherId: null,
    };
    const father: Guardian = { id: "g9", fullName: "NGUYỄN VĂN HÙNG ", pid: "001.085.012345", phone: "+84 912 345 678" };
    const table = exportCleanedList([typed], { g9: father });
    const byHeader = Object.fromEntries(CLEANED_LIST_COLUMNS.map((c, i) => [c.header, table.rows[0]![i]]));
    expect(byHeader).toMatchObject({
      "Họ và tên": "Nguyễn Văn Bình", "Ngày sinh": "04/03/2015", "Số định danh cá nhân": "001215012345", "Số thẻ BHYT": "HS4010123456789",
      "Họ tên cha": "Nguyễn Văn Hùng", "Số định danh cha": "001085012345", "Số điện thoại cha": "0912345678",
    });
  });

  it("writes every child given in the fixed layout, in the words the import reads back", () => {
    const table = exportCleanedList(children, guardians);
    expect(table.columns.map((c) => c.header)).toEqual(CLEANED_LIST_COLUMNS.map((c) => c.header));
    expect(table.rows).toHaveLength(3);
    const byHeader = Object.fromEntries(CLEANED_LIST_COLUMNS.map((c, i) => [c.header, table.rows[0]![i]]));
    expect(byHeader).toMatchObject({
      "STT": 1, "Họ và tên": "Nguyễn Văn An", "Ngày sinh": "06/05/2016", "Giới tính": "Nam", "Dân tộc": "Kinh",
      "Loại cư trú": "Thường trú", "Thôn/Xóm": "Thôn Bắc", "Họ tên cha": "Nguyễn Văn Hùng", "Ngày sinh cha": "01/02/1985",
      "Số định danh mẹ": "001187012345", "Số điện thoại mẹ": "0987654321", "Người đại diện": "Cha",
    });
  });
});

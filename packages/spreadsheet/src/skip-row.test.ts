import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import type { ColumnMapping } from "./column-targets";
import { isPlausibleName, RowSkipper } from "./skip-row";

const mapping: ColumnMapping = ["index", "fullName", "dob", "gender", "mother.fullName"];
const header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Họ tên mẹ"];
const reasonOf = (reason: ReturnType<RowSkipper["reason"]>) => (typeof reason === "object" && reason !== null ? reason.vi : reason);

describe("RowSkipper", () => {
  it.each<[string, CellValue[], string | null]>([
    ["a child", [1, "Nguyễn Văn An", "04/03/2015", "Nam", "Trần Thị Lan"], null],
    ["a child with only a name and a date", [2, "Lê Thị Hoa", "05/06/2016", null, null], null],
    ["a child with a name only", [3, "Trần Minh Khôi", null, "Nam", null], null],
    ["a blank line (only its STT)", [3, null, " ", null, null], "blank"],
    ["the header repeated on a new page", ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Họ tên mẹ"], "Dòng tiêu đề lặp lại"],
    ["the header repeated in other words", ["TT", "Họ tên học sinh", "NS", "Giới tính", "Họ và tên mẹ"], "Dòng tiêu đề lặp lại"],
    ["the column numbers", ["(1)", "(2)", "(3)", "(4)", "(5)"], "Dòng đánh số cột"],
    ["a total merged across the table", Array(5).fill("Tổng số: 35 học sinh"), "Dòng cộng, tổng số"],
    ["a subtotal in the name cell", [null, "Cộng xóm 1: 6 trẻ", null, null, null], "Dòng cộng, tổng số"],
    ["a subtotal with its count in another cell", [null, "Cộng xóm 2", null, null, 6], "Dòng cộng, tổng số"],
    ["a note merged across the table", Array(5).fill("Danh sách do nhà trường cung cấp"), "Chỉ có một ô dữ liệu (dòng ghi chú, chữ ký hoặc tổng cộng)"],
    ["a title in two merged blocks", [null, "Nhóm A", "Nhóm A", "Nhóm B", "Nhóm B"], "Chỉ có ô gộp làm nhãn, không có dữ liệu của trẻ"],
    ["a label in the name cell", [null, "Học sinh chuyển đến:", null, "Nữ", null], "Không có ngày sinh, số định danh và “Học sinh chuyển đến:” không phải họ tên người"],
  ])("%s", (_, row, expected) => {
    expect(reasonOf(new RowSkipper(mapping, header).reason(row, 10))).toBe(expected);
  });

  it("skips the whole signature block: titles merged across columns, the signers' names, the hint", () => {
    const skipper = new RowSkipper(mapping, header);
    const rows: CellValue[][] = [
      [1, "Nguyễn Văn An", "04/03/2015", "Nam", "Trần Thị Lan"],
      [null, "Người tổng hợp", "Người tổng hợp", "TRƯỞNG THÔN", "TRƯỞNG THÔN"],
      [null, "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"],
      [null, "Phạm Thu Hà", "Phạm Thu Hà", "Đỗ Văn Quang", "Đỗ Văn Quang"],
      [null, null, null, null, null],
    ];
    expect(rows.map((row, i) => reasonOf(skipper.reason(row, 20 + i)))).toEqual([
      null,
      "Dòng ký tên, ngày tháng dưới danh sách",
      "Nằm dưới phần ký tên (từ dòng 21)",
      "Nằm dưới phần ký tên (từ dòng 21)",
      "blank",
    ]);
  });

  it("starts the block at a place-and-date line, but reads a child whose note mentions a signature", () => {
    const noted: ColumnMapping = ["index", "fullName", "dob", "note"];
    const skipper = new RowSkipper(noted, ["STT", "Họ và tên", "Ngày sinh", "Ghi chú"]);
    expect(skipper.reason([1, "Lê Văn Tám", "01/02/2016", "Chờ xác nhận của trưởng thôn"], 5)).toBeNull();
    expect(reasonOf(skipper.reason([null, null, null, "Hòa Bình, ngày 12 tháng 5 năm 2025"], 6))).toBe("Dòng ký tên, ngày tháng dưới danh sách");
    expect(reasonOf(skipper.reason([null, "Vũ Thị Mai", null, null], 7))).toBe("Nằm dưới phần ký tên (từ dòng 6)");
  });

  it("keeps a lone name when the list has no other column", () => {
    expect(new RowSkipper(["index", "fullName"], ["STT", "Họ và tên"]).reason([1, "Nguyễn Văn An"], 3)).toBeNull();
  });
});

describe("isPlausibleName", () => {
  it.each(["Nguyễn Văn An", "H'Hen Niê", "Trương Văn Trường", "Lê Thị Năm", "nguyễn thị lan"])("%s is a name", (name) => {
    expect(isPlausibleName(name)).toBe(true);
  });
  it.each(["Người tổng hợp", "TRƯỞNG THÔN", "(Ký, ghi rõ họ tên)", "Cộng: 6", "Tổng số 35 em"])("%s is not", (text) => {
    expect(isPlausibleName(text)).toBe(false);
  });
});

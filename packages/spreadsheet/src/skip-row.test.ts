import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import type { ColumnMapping } from "./column-targets";
import { skipReason } from "./skip-row";

const mapping: ColumnMapping = ["index", "fullName", "dob", "gender", "mother.fullName"];
const header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Họ tên mẹ"];

describe("skipReason", () => {
  it.each<[string, CellValue[], string | null]>([
    ["a child", [1, "Nguyễn Văn An", "04/03/2015", "Nam", "Trần Thị Lan"], null],
    ["a child with only a name and a date", [2, "Lê Thị Hoa", "05/06/2016", null, null], null],
    ["a blank line (only its STT)", [3, null, " ", null, null], "blank"],
    ["the header repeated on a new page", ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Họ tên mẹ"], "Dòng tiêu đề lặp lại"],
    ["the column numbers", ["(1)", "(2)", "(3)", "(4)", "(5)"], "Dòng đánh số cột"],
    ["a total merged across the table", ["Tổng số: 35 học sinh", "Tổng số: 35 học sinh", "Tổng số: 35 học sinh", "Tổng số: 35 học sinh", "Tổng số: 35 học sinh"], "Chỉ có một ô dữ liệu (dòng ghi chú, chữ ký hoặc tổng cộng)"],
    ["a signature line", [null, null, null, "Người lập biểu", null], "Chỉ có một ô dữ liệu (dòng ghi chú, chữ ký hoặc tổng cộng)"],
  ])("%s", (_, row, expected) => {
    const reason = skipReason(row, mapping, header);
    expect(typeof reason === "object" && reason !== null ? reason.vi : reason).toBe(expected);
  });

  it("keeps a lone name when the list has no other column", () => {
    expect(skipReason([1, "Nguyễn Văn An"], ["index", "fullName"], ["STT", "Họ và tên"])).toBeNull();
  });
});

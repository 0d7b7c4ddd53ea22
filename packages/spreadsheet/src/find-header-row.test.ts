import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { findHeaderRow } from "./find-header-row";

describe("findHeaderRow", () => {
  it("finds the header below a title block", () => {
    const rows: CellValue[][] = [
      ["PHÒNG GD&ĐT HUYỆN AN BÌNH", "PHÒNG GD&ĐT HUYỆN AN BÌNH"],
      ["TRƯỜNG TIỂU HỌC KIM ĐỒNG"],
      ["DANH SÁCH HỌC SINH LỚP 3A", "DANH SÁCH HỌC SINH LỚP 3A", "DANH SÁCH HỌC SINH LỚP 3A"],
      ["Năm học 2025 - 2026"],
      [],
      ["STT", "Họ và tên", "Ngày sinh", "Giới tính"],
      [1, "Nguyễn Văn An", "04/03/2015", "Nam"],
    ];
    expect(findHeaderRow(rows)).toEqual({ first: 5, last: 5, cells: ["STT", "Họ và tên", "Ngày sinh", "Giới tính"] });
  });

  it("joins a two-row header: a merged group label above its parts", () => {
    const rows: CellValue[][] = [
      ["STT", "Họ và tên", "Thông tin cha", "Thông tin cha", "Thông tin mẹ", "Thông tin mẹ"],
      ["STT", "Họ và tên", "Họ tên", "CCCD", "Họ tên", "CCCD"],
      [1, "Nguyễn Văn An", "Nguyễn Văn Hùng", "001085012345", "Trần Thị Lan", "001187012345"],
    ];
    const header = findHeaderRow(rows);
    expect(header).toMatchObject({ first: 0, last: 1 });
    expect(header?.cells).toEqual(["STT", "Họ và tên", "Thông tin cha Họ tên", "Thông tin cha CCCD", "Thông tin mẹ Họ tên", "Thông tin mẹ CCCD"]);
  });

  it("prefers one row when the second adds nothing", () => {
    const rows: CellValue[][] = [["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", "04/03/2015"]];
    expect(findHeaderRow(rows)).toMatchObject({ first: 0, last: 0 });
  });

  it("needs a name column and one more field", () => {
    expect(findHeaderRow([["Ngày sinh", "Giới tính"], ["04/03/2015", "Nam"]])).toBeNull();
    expect(findHeaderRow([["Họ và tên", "Xếp loại"]])).toBeNull();
    expect(findHeaderRow([])).toBeNull();
  });
});

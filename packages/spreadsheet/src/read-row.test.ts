import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { buildColumnContext } from "./column-context";
import type { ColumnMapping } from "./column-targets";
import { readRow, type RowRead } from "./read-row";

const AS_OF = "2026-06-01";

function read(mapping: ColumnMapping, rows: CellValue[][]): RowRead[] {
  const { context } = buildColumnContext(rows, mapping, [], AS_OF);
  return rows.map((raw, i) => readRow(i + 2, raw, context));
}

describe("readRow", () => {
  it("reads a child and its parents, with each guardian given its role's gender", () => {
    const [row] = read(
      ["fullName", "dob", "gender", "ethnicity", "pid", "father.fullName", "father.pid", "mother.fullName", "mother.phone", "village"],
      [["nguyễn văn  an", "04/03/2015", "Nam", "Kinh", "001215012345", "NGUYỄN VĂN HÙNG", "001085012345", "Trần Thị Lan", 912345678, "Thôn Đông"]],
    );
    expect(row!.child).toEqual({ fullName: "Nguyễn Văn An", dob: "2015-03-04", gender: "male", ethnicity: "01", pid: "001215012345", village: "Thôn Đông" });
    expect(row!.guardians).toEqual({
      father: { fullName: "Nguyễn Văn Hùng", pid: "001085012345", gender: "male" },
      mother: { fullName: "Trần Thị Lan", phone: "0912345678", gender: "female" },
    });
    expect(row!.issues.map((i) => [i.level, i.target])).toEqual([["info", "mother.phone"]]);
  });

  it("joins a name split over columns, and drops a sort column that repeats the given name", () => {
    const rows = read(["fullName", "fullName", "dob"], [["Nguyễn Văn", "An", "04/03/2015"], ["Lê Thị Hoa", "Hoa", "05/06/2016"]]);
    expect(rows.map((r) => r.child.fullName)).toEqual(["Nguyễn Văn An", "Lê Thị Hoa"]);
  });

  it("reads a school's \"Nữ\" column: a mark is a girl, no mark a boy once the column is used", () => {
    const rows = read(["fullName", "genderFemaleMark"], [["Nguyễn Văn An", null], ["Lê Thị Hoa", "x"]]);
    expect(rows.map((r) => r.child.gender)).toEqual(["male", "female"]);
    const unused = read(["fullName", "genderFemaleMark"], [["Nguyễn Văn An", null], ["Lê Thị Hoa", null]]);
    expect(unused.map((r) => r.child.gender)).toEqual([undefined, undefined]);
  });

  it("rejects a row without a name, or with an unreadable date of birth or ID number", () => {
    const rows = read(["fullName", "dob", "pid"], [[null, "04/03/2015", null], ["Lê Thị Hoa", "31/02/2016", null], ["Trần Văn Bình", "04/03/2015", "1.21501E+11"]]);
    expect(rows.map((r) => r.issues.filter((i) => i.level === "reject").map((i) => i.target))).toEqual([["fullName"], ["dob"], ["pid"]]);
  });

  it("leaves other unreadable values empty with a warning", () => {
    const [row] = read(["fullName", "gender", "ethnicity", "father.fullName", "father.dob"], [["Lê Thị Hoa", "?", "Việt Nam", "Lê Văn Nam", "1985"]]);
    expect(row!.child).toEqual({ fullName: "Lê Thị Hoa" });
    expect(row!.guardians.father).toEqual({ fullName: "Lê Văn Nam", gender: "male" });
    expect(row!.issues.map((i) => [i.level, i.target])).toEqual([["warning", "gender"], ["warning", "ethnicity"], ["warning", "father.dob"]]);
  });

  it("recovers an ID number's lost zeros against the same row's date of birth and gender", () => {
    const [row] = read(["fullName", "dob", "genderFemaleMark", "pid"], [["Lê Thị Hoa", "05/06/2016", "x", 1316012345]]);
    expect(row!.child.pid).toBe("001316012345");
  });

  it("drops a guardian with neither name nor ID number, with a warning", () => {
    const [row] = read(["fullName", "mother.phone"], [["Lê Thị Hoa", "0912345678"]]);
    expect(row!.guardians).toEqual({});
    expect(row!.issues.map((i) => i.message.en)).toEqual(["The mother has neither a name nor an ID number; ignored"]);
  });

  it("reads the representative by role word or by a guardian's name on the row", () => {
    const rows = read(["fullName", "father.fullName", "representative"], [["Lê Thị Hoa", "Lê Văn Nam", "Bố"], ["Lê Văn Tám", "Lê Văn Nam", "lê văn nam"]]);
    expect(rows.map((r) => r.child.representative)).toEqual(["father", "father"]);
  });

  it("takes month-first dates when the whole column is month first", () => {
    const rows = read(["fullName", "dob"], [["Lê Thị Hoa", "3/25/2016"], ["Lê Văn Tám", "3/4/2016"]]);
    expect(rows.map((r) => r.child.dob)).toEqual(["2016-03-25", "2016-03-04"]);
  });
});

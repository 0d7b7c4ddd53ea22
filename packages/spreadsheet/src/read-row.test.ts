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

  it("never turns the column month-first: the month-first row is read so and both rows are flagged for review", () => {
    const rows = read(["fullName", "dob"], [["Lê Thị Hoa", "3/25/2016"], ["Lê Văn Tám", "3/4/2016"]]);
    expect(rows.map((r) => r.child.dob)).toEqual(["2016-03-25", "2016-04-03"]);
    expect(rows.map((r) => r.issues.map((i) => [i.target, i.level, i.review]))).toEqual([[["dob", "warning", "date"]], [["dob", "warning", "date"]]]);
  });

  it("reads a date of birth split over day, month and year columns", () => {
    const rows = read(["fullName", "dobDay", "dobMonth", "dobYear"], [["Lê Thị Hoa", 5, 3, 2016], ["Lê Văn Tám", 25, "12", "2015"], ["Vũ Minh", 4, null, 2016]]);
    expect(rows.map((r) => r.child.dob ?? null)).toEqual(["2016-03-05", "2015-12-25", null]);
    expect(rows[2]!.issues.map((i) => i.level)).toEqual(["reject"]);
  });

  it("links the representative's columns: a guardian of its own, or the parent the name or relation says", () => {
    const mapping: ColumnMapping = ["fullName", "dob", "mother.fullName", "representativeName", "representativePid", "phone", "guardianRelation"];
    const rows = read(mapping, [
      ["Lê Thị Hoa", "05/03/2016", "Trần Thị Lan", "Lê Văn Sáu", "001060012345", "0912345678", "Ông nội"],
      ["Vũ Minh Khang", "06/04/2016", "Đỗ Thị Mai", "Đỗ Thị Mai", "Chưa có", "0987654321", "Mẹ"],
      ["Phan Gia Huy", "07/05/2016", null, "Phan Văn Lực", null, null, "Bố"],
    ]);
    expect(rows[0]!.child).toMatchObject({ representative: "guardian", guardianRelation: "Ông nội" });
    expect(rows[0]!.guardians.guardian).toEqual({ fullName: "Lê Văn Sáu", pid: "001060012345" });
    expect(rows[1]!.child.representative).toBe("mother");
    expect(rows[1]!.guardians.mother).toEqual({ fullName: "Đỗ Thị Mai", gender: "female" });
    expect(rows[2]!.child.representative).toBe("father");
    expect(rows[2]!.guardians.father).toEqual({ fullName: "Phan Văn Lực", gender: "male" });
  });
});

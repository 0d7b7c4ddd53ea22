import type { Child, Guardian } from "@roster/schema";
import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { findHeaderRow } from "./find-header-row";
import { guessMapping } from "./guess-mapping";
import type { RawTable } from "./raw-table";
import { planReconcileApply } from "./reconcile-apply";
import { readExtract, type ExtractRead } from "./reconcile-extract";
import { reconcileExtract } from "./reconcile-match";

const AS_OF = "2026-12-04";
const HEADER = ["STT", "Số định danh cá nhân", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Họ tên cha", "Số định danh cha", "Họ tên mẹ", "Số định danh mẹ", "Mức tài khoản định danh điện tử"];

function table(rows: CellValue[][]): RawTable {
  return { format: "csv", sheet: "trich-xuat.csv", sheetNames: [], rows: [["DANH SÁCH CÔNG DÂN TỔ DÂN PHỐ SỐ 5"], HEADER, ...rows], warnings: [] };
}

function extractOf(rows: CellValue[][]): ExtractRead {
  const t = table(rows);
  const header = findHeaderRow(t.rows);
  expect(header?.cells).toEqual(HEADER);
  return readExtract(t, guessMapping(header!.cells), { asOf: AS_OF, header });
}

const guardians: Record<string, Guardian> = {
  g1: { id: "g1", fullName: "Trần Văn Bình", pid: "001080001111", gender: "male" },
  g2: { id: "g2", fullName: "Phạm Thị Mai", pid: "001182002222", gender: "female" },
};

const children: Child[] = [
  { id: "c1", fullName: "Trần Minh An", dob: "2016-04-12", gender: "male", ethnicity: "01", pid: "001216000001", fatherId: "g1", motherId: "g2" },
  { id: "c2", fullName: "Nguyễn Văn Ân", dob: "2015-09-30", gender: "male", ethnicity: "01", pid: "001215000002" },
  { id: "c3", fullName: "Lê Thị Thu", dob: "2017-01-20", gender: "female", ethnicity: "01", pid: null },
  { id: "c4", fullName: "Đỗ Văn Hùng", dob: "2016-03-05", gender: "male", ethnicity: "01" },
  { id: "c5", fullName: "Lê Thị Hoa", dob: "2014-07-07", gender: "female", ethnicity: "01" },
  { id: "c6", fullName: "Vũ Văn Nam", dob: "2015-02-02", gender: "male", ethnicity: "01" },
  { id: "c7", fullName: "Hà Thị Gái", dob: "2016-06-06", gender: "female", removed: true, removedReason: "chuyển đi" },
];
const roster = { children, guardians };

const ROWS: CellValue[][] = [
  // row 3: c1 exactly, with a level-2 account
  [1, "001216000001", "TRẦN MINH AN", "12/04/2016", "Nam", "Kinh", "Trần Văn Bình", "001080001111", "Phạm Thị Mai", "001182002222", "Mức 2"],
  // row 4: c2 by number; the roster's name has a wrong diacritic
  [2, "001215000002", "Nguyễn Văn An", "30/09/2015", "Nam", "Kinh", "", "", "", "", ""],
  // row 5: c3 by name and date of birth; the roster lacks the ID number
  [3, "001317000003", "Lê Thị Thu", "20/01/2017", "Nữ", "Kinh", "", "", "", "", "Mức 1"],
  // row 6: c4 with day and month swapped: offered, never taken
  [4, "001216000004", "Đỗ Văn Hùng", "03/05/2016", "Nam", "Kinh", "", "", "", "", ""],
  // row 7: c5 one letter apart: offered
  [5, "001314000005", "Lê Thị Hoan", "07/07/2014", "Nữ", "Kinh", "", "", "", "", ""],
  // row 8: a child of campaign age the roster lacks
  [6, "001218000006", "Bùi Văn Tuấn", "15/08/2018", "Nam", "Kinh", "", "", "", "", ""],
  // row 9: an adult; row 10: a child of 3
  [7, "001085000007", "Trần Văn Bình", "01/01/1985", "Nam", "Kinh", "", "", "", "", "Mức 2"],
  [8, "001223000008", "Trần Bảo Ngọc", "10/10/2023", "Nữ", "Kinh", "", "", "", "", ""],
  // row 11: row 3 again
  [9, "001216000001", "Trần Minh An", "12/04/2016", "Nam", "Kinh", "", "", "", "", ""],
  // row 12: unreadable date of birth
  [10, "", "Hoàng Văn Lỗi", "31/02/2016", "Nam", "Kinh", "", "", "", "", ""],
];

describe("reconcileExtract", () => {
  const extract = extractOf(ROWS);
  const preview = reconcileExtract(extract, roster, { asOf: AS_OF });

  it("matches by ID number, then by folded name and date of birth, with the differences side by side", () => {
    expect(preview.matched).toEqual([
      { row: 3, childId: "c1", by: "pid", differences: [], vneid: "level2" },
      { row: 4, childId: "c2", by: "pid", differences: [{ field: "fullName", roster: "Nguyễn Văn Ân", national: "Nguyễn Văn An" }], vneid: null },
      { row: 5, childId: "c3", by: "name-dob", differences: [{ field: "pid", roster: null, national: "001317000003" }], vneid: "level1" },
    ]);
  });

  it("offers swapped days and one-letter names to a person instead of matching them", () => {
    expect(preview.likely.map(({ row, childId, why }) => ({ row, childId, why }))).toEqual([
      { row: 6, childId: "c4", why: "dob-day-month-swapped" },
      { row: 7, childId: "c5", why: "name-one-letter" },
    ]);
  });

  it("sorts the rest: missing children, people outside the campaign, repeated and unreadable rows, children the extract lacks", () => {
    expect(preview.extractOnly.map((e) => [e.row, e.fullName, e.dob])).toEqual([[8, "Bùi Văn Tuấn", "2018-08-15"]]);
    expect(preview.outOfCampaign.map((e) => [e.row, e.reason.en])).toEqual([
      [9, "An adult (aged 41)"],
      [10, "Aged 3, outside the ages 6 to under 14"],
    ]);
    expect(preview.rejected.map((e) => e.row)).toEqual([11, 12]);
    expect(preview.rejected[0]!.reason.vi).toBe("Cùng một người với dòng 3 của tệp");
    // c7 is removed: never matched, never listed.
    expect(preview.rosterOnly).toEqual(["c6"]);
  });

  it("never gives one child to two rows nor one row to two children", () => {
    const taken = [...preview.matched.map((m) => m.childId)];
    expect(new Set(taken).size).toBe(taken.length);
    const rows = preview.matched.map((m) => m.row);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it("does not match on name and date of birth when the gender or both ID numbers contradict", () => {
    const other = extractOf([
      [1, "", "Vũ Văn Nam", "02/02/2015", "Nữ", "Kinh", "", "", "", "", ""],
      [2, "001215999999", "Nguyễn Văn Ân", "30/09/2015", "Nam", "Kinh", "", "", "", "", ""],
    ]);
    const result = reconcileExtract(other, roster, { asOf: AS_OF });
    expect(result.matched).toEqual([]);
    expect(result.likely.map(({ row, childId, why }) => ({ row, childId, why }))).toEqual([{ row: 4, childId: "c2", why: "same-name-dob-other-pid" }]);
    expect(result.extractOnly.map((e) => e.row)).toEqual([3]);
  });

  it("refuses a number several roster children hold", () => {
    const twice: Child[] = [...children, { id: "c8", fullName: "Trần Minh Anh", dob: "2016-04-12", gender: "male", pid: "001216000001" }];
    const result = reconcileExtract(extractOf([ROWS[0]!]), { children: twice, guardians }, { asOf: AS_OF });
    expect(result.matched).toEqual([]);
    expect(result.rejected[0]!.reason.en).toMatch(/recorded for 2 children/);
  });
});

describe("planReconcileApply", () => {
  const extract = extractOf(ROWS);
  const none = { verify: [], accept: [], add: [], confirm: [] };

  it("verifies what agrees, refuses what differs with the fields, and lets the VNeID level follow the extract", () => {
    const plan = planReconcileApply(extract, roster, { ...none, verify: ["c1", "c2", "c6"] }, { asOf: AS_OF });
    expect(plan.verify).toEqual(["c1"]);
    expect(plan.refused.map((r) => [r.childId, r.reason.en])).toEqual([
      ["c2", "Differs from the national data: name"],
      ["c6", "Matched to no row of the file"],
    ]);
    expect(plan.childWrites).toEqual([
      { childId: "c1", patch: { vneid: "level2" } },
      { childId: "c3", patch: { vneid: "level1" } },
    ]);
  });

  it("accepts national values field by field, then the child verifies", () => {
    const plan = planReconcileApply(
      extract,
      roster,
      { ...none, verify: ["c2", "c3"], accept: [{ childId: "c2", field: "fullName" }, { childId: "c3", field: "pid" }] },
      { asOf: AS_OF },
    );
    expect(plan.verify).toEqual(["c2", "c3"]);
    expect(plan.refused).toEqual([]);
    expect(plan.childWrites).toEqual([
      { childId: "c2", patch: { fullName: "Nguyễn Văn An" } },
      { childId: "c3", patch: { pid: "001317000003", vneid: "level1" } },
      { childId: "c1", patch: { vneid: "level2" } },
    ]);
  });

  it("writes a parent's value into the linked record, or creates the parent", () => {
    const edited: Record<string, Guardian> = { ...guardians, g1: { ...guardians.g1!, fullName: "Trần Văn Bính" } };
    const mother = extractOf([[1, "001215000002", "Nguyễn Văn An", "30/09/2015", "Nam", "Kinh", "", "", "Đinh Thị Lụa", "001185004444", ""], ROWS[0]!]);
    const plan = planReconcileApply(
      mother,
      { children, guardians: edited },
      { ...none, accept: [{ childId: "c2", field: "mother.fullName" }, { childId: "c2", field: "mother.pid" }, { childId: "c1", field: "father.fullName" }] },
      { asOf: AS_OF },
    );
    expect(plan.guardianCreates).toEqual([{ childId: "c2", role: "mother", fields: { gender: "female", fullName: "Đinh Thị Lụa", pid: "001185004444" } }]);
    expect(plan.guardianWrites).toEqual([{ guardianId: "g1", patch: { fullName: "Trần Văn Bình" } }]);
  });

  it("refuses a child edited since the preview: the roster as it is now is compared", () => {
    const preview = reconcileExtract(extract, roster, { asOf: AS_OF });
    expect(preview.matched.find((m) => m.childId === "c1")?.differences).toEqual([]);
    const editedSince = children.map((c) => (c.id === "c1" ? { ...c, dob: "2016-04-13" } : c));
    const plan = planReconcileApply(extract, { children: editedSince, guardians }, { ...none, verify: ["c1"] }, { asOf: AS_OF });
    expect(plan.verify).toEqual([]);
    expect(plan.refused[0]?.reason.vi).toMatch(/Khác với dữ liệu quốc gia: ngày sinh/);
  });

  it("adds children only from rows the roster lacks, and takes confirmed likely matches", () => {
    const plan = planReconcileApply(extract, roster, { ...none, add: [8, 3, 9], confirm: [{ row: 6, childId: "c4" }], accept: [{ childId: "c4", field: "dob" }], verify: ["c4"] }, { asOf: AS_OF });
    expect(plan.additions.map((a) => [a.row, a.child.fullName, a.child.pid])).toEqual([[8, "Bùi Văn Tuấn", "001218000006"]]);
    // c4 is matched now, but the extract's ID number is still to accept before it verifies.
    expect(plan.refused.map((r) => [r.childId, r.reason.en])).toEqual([
      ["c4", "Differs from the national data: ID number"],
      ["row:3", "This row is not a child missing from the roster"],
      ["row:9", "This row is not a child missing from the roster"],
    ]);
    expect(plan.preview.matched.find((m) => m.childId === "c4")).toMatchObject({ row: 6, by: "name-dob" });
    expect(plan.childWrites).toContainEqual({ childId: "c4", patch: { dob: "2016-05-03" } });
    expect(plan.verify).toEqual([]);
  });
});

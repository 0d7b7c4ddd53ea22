import type { Child, Guardian } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { AS_OF, plan, table } from "../test/tables";
import { InvalidMappingError } from "./errors";
import { planImport } from "./plan-import";

const HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Họ tên cha", "Số định danh cha", "Họ tên mẹ", "SĐT mẹ"];

describe("planImport: siblings and guardians", () => {
  it("gives siblings one father and one mother record: same name and ID number", () => {
    const result = plan([
      HEADER,
      [1, "Nguyễn Văn An", "04/03/2015", "Nam", "001215012345", "Nguyễn Văn Hùng", "001085012345", "Trần Thị Lan", null],
      [2, "Nguyễn Thị Bình", "10/10/2017", "Nữ", "001317012345", "NGUYỄN VĂN HÙNG", "001 085 012 345", "Trần Thị Lan", null],
    ]);
    expect(result.add).toHaveLength(2);
    expect(result.guardianAdd.map((g) => [g.fields.fullName, g.rows])).toEqual([
      ["Nguyễn Văn Hùng", [2, 3]],
      ["Trần Thị Lan", [2, 3]],
    ]);
    expect(result.add[0]!.links).toEqual(result.add[1]!.links);
  });

  it("joins siblings by a guardian's name and phone, or by both parents' names", () => {
    const result = plan([
      HEADER,
      [1, "Lò Văn Khánh", "12/01/2017", "Nam", null, "Lò Văn Pả", null, "Lường Thị Ơn", "0388123456"],
      [2, "Lò Thị Khuyên", "12/01/2017", "Nữ", null, "Lò Văn Pả", null, "Lường Thị Ơn", "0388 123 456"],
      [3, "Lò Văn Sính", "01/09/2014", "Nam", null, "Lò Văn Pả", null, "Lường Thị Ơn", null],
    ]);
    expect(result.guardianAdd.map((g) => g.rows)).toEqual([[2, 3, 4], [2, 3, 4]]);
  });

  it("keeps apart two fathers who share a name but not the mother", () => {
    const result = plan([
      HEADER,
      [1, "Nguyễn Văn An", "04/03/2015", "Nam", null, "Nguyễn Văn Hùng", null, "Trần Thị Lan", null],
      [2, "Nguyễn Văn Bảo", "04/05/2016", "Nam", null, "Nguyễn Văn Hùng", null, "Lê Thị Mai", null],
    ]);
    expect(result.guardianAdd.map((g) => g.fields.fullName)).toEqual(["Nguyễn Văn Hùng", "Trần Thị Lan", "Nguyễn Văn Hùng", "Lê Thị Mai"]);
  });

  it("reuses a guardian already in the roster, found by ID number, and fills in what it lacks", () => {
    const father: Guardian = { id: "g-hung", fullName: "Nguyễn Văn Hùng", pid: "001085012345" };
    const result = plan(
      [HEADER, [1, "Nguyễn Văn An", "04/03/2015", "Nam", null, "Nguyễn Văn Hùng", "001085012345", null, null]],
      { guardians: [father] },
    );
    expect(result.guardianAdd).toEqual([]);
    expect(result.add[0]!.links).toEqual({ fatherId: { kind: "existing", id: "g-hung" } });
  });

  it("does not link a guardian whose ID number belongs to someone else in the roster", () => {
    const other: Guardian = { id: "g-other", fullName: "Phạm Văn Long", pid: "001085012345" };
    const result = plan([HEADER, [1, "Nguyễn Văn An", "04/03/2015", "Nam", null, "Nguyễn Văn Hùng", "001085012345", null, null]], { guardians: [other] });
    expect(result.add[0]!.links).toEqual({});
    expect(result.issues.map((i) => i.message.vi)).toContain("Số định danh cha đã thuộc người khác tên (“Phạm Văn Long”); chưa liên kết");
  });

  it("gives an unattributed phone to the only guardian on the row, and warns when it cannot tell", () => {
    const header = ["Họ và tên", "Ngày sinh", "Họ tên mẹ", "Họ tên cha", "Số điện thoại"];
    const result = plan([
      header,
      ["Lê Thị Hoa", "05/06/2016", "Trần Thị Lan", null, "0912345678"],
      ["Lê Văn Tám", "05/06/2014", "Phạm Thị Mai", "Lê Văn Nam", "0987654321"],
    ]);
    expect(result.guardianAdd[0]!.fields).toEqual({ fullName: "Trần Thị Lan", gender: "female", phone: "0912345678" });
    expect(result.issues.filter((i) => i.target === "phone").map((i) => i.row)).toEqual([3]);
  });
});

describe("planImport: existing children", () => {
  const father: Guardian = { id: "g-hung", fullName: "Nguyễn Văn Hùng" };
  const an: Child = { id: "c-an", fullName: "NGUYỄN VĂN AN", dob: "2015-03-04", gender: "male", pid: "001215012345", fatherId: "g-hung", grade: "4A" };

  it("updates a matched child field by field, never clearing a value with a blank cell", () => {
    const result = plan(
      [["Họ và tên", "Ngày sinh", "Số định danh", "Lớp", "Trường", "Họ tên cha", "Số định danh cha"], ["Nguyễn Văn An", "04/03/2015", null, "5A", "Trường Tiểu học Kim Đồng", "Nguyễn Văn Hùng", "001085012345"]],
      { children: [an], guardians: [father] },
    );
    expect(result.add).toEqual([]);
    expect(result.update).toHaveLength(1);
    expect(result.update[0]!.changes).toEqual([
      { field: "school", from: undefined, to: "Trường Tiểu học Kim Đồng" },
      { field: "grade", from: "4A", to: "5A" },
    ]);
    expect(result.update[0]!.links).toEqual([]);
    expect(result.guardianUpdate).toEqual([{ guardianId: "g-hung", changes: [{ field: "pid", from: undefined, to: "001085012345" }], rows: [2] }]);
  });

  it("reports a row that changes nothing as unchanged (case and spacing of a name are not changes)", () => {
    const result = plan([["Họ và tên", "Ngày sinh", "Lớp"], ["nguyễn văn  an", "4/3/2015", "4A"]], { children: [an], guardians: [father] });
    expect(result.unchanged).toEqual([{ row: 2, childId: "c-an" }]);
    expect(result.update).toEqual([]);
  });

  it("never replaces a valid value with one the rules reject", () => {
    const result = plan([["Họ và tên", "Ngày sinh", "Số định danh"], ["Nguyễn Văn An", "04/03/2015", "0012150123"]], { children: [an] });
    // The 10-digit number is not the child's (name and birthday match, the number does not).
    expect(result.update).toEqual([]);
    expect(result.issues.map((i) => i.message.en)).toContain("Personal ID number: kept the valid existing value “001215012345”");
  });

  it("links a guardian the file names when the child has none, and keeps a different linked one", () => {
    const bare: Child = { id: "c-bare", fullName: "Lê Thị Hoa", dob: "2016-06-05" };
    const linked: Child = { ...an };
    const result = plan(
      [["Họ và tên", "Ngày sinh", "Họ tên cha"], ["Lê Thị Hoa", "05/06/2016", "Lê Văn Nam"], ["Nguyễn Văn An", "04/03/2015", "Trần Văn Toàn"]],
      { children: [bare, linked], guardians: [father] },
    );
    expect(result.update.map((u) => [u.childId, u.links])).toEqual([["c-bare", [{ field: "fatherId", from: null, to: { kind: "new", key: "new-guardian:1" } }]]]);
    expect(result.unchanged).toEqual([{ row: 3, childId: "c-an" }]);
    expect(result.issues.map((i) => i.message.vi)).toContain("Thông tin cha trong tệp khác cha đã liên kết (“Nguyễn Văn Hùng”); giữ liên kết cũ");
  });
});

describe("planImport: the preview", () => {
  it("lists rejected rows with reasons, skipped lines, and the findings the new data will have", () => {
    const result = plan([
      ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số định danh"],
      [1, "Nguyễn Văn An", "04/03/2015", "Nam", "Kinh", "1.21501E+11"],
      [2, null, "05/06/2016", "Nữ", "Kinh", null],
      [3, "Lê Thị Hoa", "05/06/2016", "Nữ", "Kinh", null],
      [null, null, null, null, "Người lập biểu", null],
    ]);
    expect(result.rejected.map((r) => [r.row, r.reasons.map((m) => m.en)])).toEqual([
      [2, ["ID number “1.21501E+11” was turned into scientific notation by Excel and lost digits; format the column as Text and type it again"]],
      [3, ["No child's name"]],
    ]);
    expect(result.skipped.map((s) => s.row)).toEqual([5]);
    expect(result.add.map((a) => a.row)).toEqual([4]);
    const codes = result.add[0]!.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["pid.missing", "guardian.missing", "residence.missing"]));
    expect(result.add[0]!.status).toBe("needs-fix");
    expect(result.findingCounts["pid.missing"]).toBe(1);
  });

  it("shows a duplicate the new data makes with the roster", () => {
    const existing: Child = { id: "c-1", fullName: "Lê Thị Hoa", dob: "2016-06-05", pid: "001316012345" };
    const result = plan([["Họ và tên", "Ngày sinh", "Số định danh"], ["Lê Thị Hoà", "06/05/2016", null]], { children: [existing] });
    expect(result.add[0]!.findings.map((f) => f.code)).toContain("duplicate.person");
  });

  it("reports progress and refuses a mapping without a name or an invalid asOf", () => {
    const rows = [["Họ và tên", "Ngày sinh"], ...Array.from({ length: 1200 }, (_, i) => [`Nguyễn Văn Số${"abcdefghij"[i % 10]}`, "04/03/2015"])];
    const progress: number[] = [];
    planImport(table(rows), ["fullName", "dob"], { children: [], guardians: {} }, { asOf: AS_OF, fileName: "x", onProgress: ({ done }) => progress.push(done) });
    expect(progress).toEqual([0, 500, 1000, 1200]);
    expect(() => planImport(table(rows), ["dob", null], { children: [], guardians: {} }, { asOf: AS_OF, fileName: "x" })).toThrow(InvalidMappingError);
    expect(() => planImport(table(rows), ["fullName", "dob"], { children: [], guardians: {} }, { asOf: "2026-13-01", fileName: "x" })).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { toTcvn3, toVni } from "../test/legacy-text";
import type { ColumnTarget } from "./column-targets";
import { CLEANED_LIST_COLUMNS } from "./export-cleaned-list";
import { InvalidMappingError } from "./errors";
import { assertValidMapping, guessColumn, guessMapping, mappingProblems } from "./guess-mapping";

describe("guessColumn", () => {
  // Every header the issue lists, then the variants real lists use.
  it.each<[string, ColumnTarget]>([
    ["Họ và tên", "fullName"],
    ["Họ tên HS", "fullName"],
    ["Ngày sinh", "dob"],
    ["NS", "dob"],
    ["Giới tính", "gender"],
    ["Nam/Nữ", "gender"],
    ["Dân tộc", "ethnicity"],
    ["Số định danh", "pid"],
    ["Mã định danh", "pid"],
    ["CCCD", "pid"],
    ["Số thẻ BHYT", "bhyt"],
    ["Họ tên cha/bố", "father.fullName"],
    ["Họ tên mẹ", "mother.fullName"],
    ["Người giám hộ", "guardian.fullName"],
    ["Số điện thoại", "phone"],
    ["Lớp", "grade"],
    ["Trường", "school"],
    ["Thôn/Xóm", "village"],
    ["Địa chỉ", "address"],
  ])("reads the issue's header %j", (header, target) => {
    expect(guessColumn(header)).toBe(target);
  });

  it.each<[string, ColumnTarget]>([
    ["HỌ VÀ TÊN", "fullName"],
    ["ho va ten", "fullName"],
    ["Họ và tên học sinh", "fullName"],
    ["Họ và tên (chữ in hoa)", "fullName"],
    ["Họ đệm", "fullName"],
    ["Tên", "fullName"],
    ["Họ", "fullName"],
    ["Ngày, tháng, năm sinh", "dob"],
    ["Ngày sinh (dd/mm/yyyy)", "dob"],
    ["Năm sinh", "dob"],
    ["GIỚI TÍNH", "gender"],
    ["Nữ", "genderFemaleMark"],
    ["Nam", "genderMaleMark"],
    ["Số định danh cá nhân", "pid"],
    ["Số định danh cá nhân (nếu có)", "pid"],
    ["Số CCCD/CMND", "pid"],
    ["Mã số BHXH", "bhyt"],
    ["Loại cư trú", "residenceType"],
    ["Ngày đăng ký khai sinh", "birthRegisteredOn"],
    ["Ngày ĐK thường trú", "residenceRegisteredOn"],
    ["Tên trường", "school"],
    ["Thôn", "village"],
    ["Tổ dân phố", "village"],
    ["Ấp", "village"],
    ["Nơi ở hiện nay", "address"],
    ["Ghi chú", "note"],
    ["STT", "index"],
    ["Họ và tên cha", "father.fullName"],
    ["Họ tên bố", "father.fullName"],
    ["Cha", "father.fullName"],
    ["Họ tên ba", "father.fullName"],
    ["Năm sinh của bố", "father.dob"],
    ["Số CCCD của cha", "father.pid"],
    ["SĐT bố", "father.phone"],
    ["Mẹ", "mother.fullName"],
    ["Họ tên má", "mother.fullName"],
    ["Ngày sinh mẹ", "mother.dob"],
    ["Mã định danh mẹ", "mother.pid"],
    ["SĐT mẹ", "mother.phone"],
    ["Họ và tên người giám hộ", "guardian.fullName"],
    ["Số định danh người giám hộ", "guardian.pid"],
    ["Quan hệ với trẻ", "guardianRelation"],
    ["Quan hệ của người giám hộ", "guardianRelation"],
    ["Người đại diện", "representative"],
    ["Họ tên người đại diện", "representativeName"],
    ["Họ và tên người đại diện", "representativeName"],
    ["Số định danh người đại diện", "representativePid"],
    ["SĐT người đại diện", "phone"],
    ["Quan hệ", "guardianRelation"],
    ["Ngày sinh Ngày", "dobDay"],
    ["Ngày sinh Tháng", "dobMonth"],
    ["Ngày sinh Năm", "dobYear"],
    ["Ngày tháng năm sinh Năm", "dobYear"],
    ["SĐT phụ huynh", "phone"],
    ["Điện thoại liên hệ", "phone"],
    ["Thông tin cha mẹ Họ tên cha", "father.fullName"],
    ["Thông tin cha mẹ Số điện thoại", "phone"],
  ])("reads the variant %j", (header, target) => {
    expect(guessColumn(header)).toBe(target);
  });

  it.each([
    "Nơi sinh", "Quê quán", "Họ tên cha mẹ", "Họ tên phụ huynh", "Dân tộc của cha", "DANH SÁCH HỌC SINH LỚP 3A",
    "Năm học 2025 - 2026", "", "Xếp loại", "Họ tên người liên hệ",
  ])("leaves %j unmapped rather than guess", (header) => {
    expect(guessColumn(header)).toBeNull();
  });

  it.each([
    ["TCVN3", toTcvn3],
    ["VNI", toVni],
  ])("reads headers typed in %s", (_, encode) => {
    expect(guessColumn(encode("Họ và tên"))).toBe("fullName");
    expect(guessColumn(encode("Ngày sinh"))).toBe("dob");
    expect(guessColumn(encode("Họ tên mẹ"))).toBe("mother.fullName");
  });

  it("reads every header of the step-4 export back as its field (the round trip depends on it)", () => {
    for (const { header, target } of CLEANED_LIST_COLUMNS) expect(guessColumn(header), header).toBe(target);
  });
});

describe("guessMapping", () => {
  it("maps a header row, giving a field to its first column only but a name to all its parts", () => {
    const mapping = guessMapping(["STT", "Họ đệm", "Tên", "Ngày sinh", "Số điện thoại", "SĐT", "Xếp loại"]);
    expect(mapping).toEqual(["index", "fullName", "fullName", "dob", "phone", null, null]);
  });
});

describe("mappingProblems", () => {
  it("needs a name column and each other field once", () => {
    expect(mappingProblems(["fullName", "fullName", "dob"])).toEqual([]);
    expect(mappingProblems(["dob"]).map((p) => p.en)).toEqual(["No column is mapped to the full name"]);
    expect(mappingProblems(["fullName", "dob", "dob", "dob"]).map((p) => p.vi)).toEqual(["Trường “Ngày sinh” được chọn cho nhiều cột"]);
    expect(() => assertValidMapping(["dob"])).toThrow(InvalidMappingError);
  });
});

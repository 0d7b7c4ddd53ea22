// The words real Vietnamese lists put in their header cells, as data. Written as people
// write them; `guess-mapping` compares them under a folded key (no diacritics, no case,
// punctuation as spaces), so "HỌ VÀ TÊN", "Họ và tên" and "Ho va ten" are one synonym.
import type { ChildColumnField, ColumnTarget, GuardianRoleName } from "./column-targets";

/**
 * Whole header cells with a meaning of their own, matched exactly (after folding) before
 * anything else: "Họ" and "Đệm" alone (the family and middle name of a name split over
 * three columns; as words they also occur in "người giám hộ"), and the "Nam" / "Nữ"
 * columns that hold an "x".
 */
export const EXACT_HEADERS: Readonly<Partial<Record<ColumnTarget, readonly string[]>>> = {
  fullName: ["Họ", "Đệm"],
  genderFemaleMark: ["Nữ", "Nữ (x)", "Nữ x", "Giới tính nữ", "Là nữ"],
  genderMaleMark: ["Nam", "Nam (x)", "Nam x", "Giới tính nam"],
  index: ["STT", "TT", "Số TT", "Số thứ tự", "Thứ tự", "No"],
};

/** Phrases that say which field a header is about. The longest phrase found wins. */
export const FIELD_PHRASES: Readonly<Record<ChildColumnField | "phone", readonly string[]>> = {
  fullName: [
    "Họ và tên", "Họ tên", "Họ và tên khai sinh", "Họ tên khai sinh", "Tên",
    // The national population database's wording.
    "Họ, chữ đệm và tên", "Họ, chữ đệm, tên", "Họ chữ đệm và tên khai sinh",
    // The parts of a name split over columns, under a merged "Họ và tên".
    "Họ đệm", "Tên đệm", "Họ và tên đệm", "Họ và đệm", "Họ lót", "Chữ lót", "Họ và chữ lót",
  ],
  dob: ["Ngày sinh", "NS", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Ngày/tháng/năm sinh", "Năm sinh", "Sinh ngày", "NTNS"],
  gender: ["Giới tính", "Giới", "Nam/Nữ", "Nam, Nữ", "Nam - Nữ", "Phái", "GT", "Nam hay nữ"],
  ethnicity: ["Dân tộc"],
  pid: [
    "Số định danh", "Mã định danh", "Số định danh cá nhân", "Mã định danh cá nhân", "Mã số định danh", "Định danh",
    "CCCD", "Số CCCD", "Căn cước công dân", "Số căn cước", "Số căn cước công dân", "CMND", "Số CMND", "CMT",
    "ĐDCN", "Số ĐDCN", "Mã ĐDCN", "Số CC", "Số căn cước/CCCD",
  ],
  bhyt: [
    "Số thẻ BHYT", "Mã thẻ BHYT", "Thẻ BHYT", "BHYT", "Số BHYT", "Mã BHYT", "Mã số BHXH", "Số BHXH", "Mã BHXH",
    "Bảo hiểm y tế", "Số thẻ bảo hiểm y tế", "Mã số bảo hiểm",
  ],
  residenceType: ["Loại cư trú", "Cư trú", "Tình trạng cư trú", "Hình thức cư trú", "Thường trú/Tạm trú", "Diện cư trú"],
  birthRegisteredOn: ["Ngày đăng ký khai sinh", "Ngày ĐK khai sinh", "Ngày ĐKKS", "Ngày khai sinh", "Ngày cấp giấy khai sinh", "Ngày đăng ký giấy khai sinh"],
  residenceRegisteredOn: [
    "Ngày đăng ký cư trú", "Ngày ĐK cư trú", "Ngày đăng ký thường trú", "Ngày ĐK thường trú", "Ngày đăng ký tạm trú",
    "Ngày ĐK tạm trú", "Ngày nhập khẩu",
  ],
  village: ["Thôn", "Xóm", "Thôn/Xóm", "Thôn, xóm", "Thôn/Tổ", "Thôn/Bản", "Bản", "Ấp", "Tổ dân phố", "Tổ", "TDP", "Khu phố", "Thôn/Tổ dân phố", "Thôn/Xóm/Bản/Ấp"],
  address: ["Địa chỉ", "Nơi ở", "Nơi ở hiện nay", "Nơi ở hiện tại", "Chỗ ở hiện tại", "Chỗ ở hiện nay", "Nơi thường trú", "Địa chỉ thường trú", "Hộ khẩu thường trú", "Địa chỉ cư trú", "Nơi cư trú"],
  school: ["Trường", "Tên trường", "Trường học", "Trường đang học"],
  grade: ["Lớp", "Lớp học", "Học lớp", "Lớp đang học"],
  guardianRelation: ["Quan hệ", "Mối quan hệ", "Quan hệ với trẻ", "Quan hệ với học sinh", "Quan hệ với chủ hộ"],
  // "Họ tên người đại diện" and "Số định danh người đại diện" are the representative's
  // name and ID number (see guess-mapping); "Người đại diện" alone says who it is.
  representative: ["Người đại diện", "Đại diện", "Người đại diện hợp pháp", "NĐD"],
  note: ["Ghi chú", "Ghi chú khác"],
  vneid: [
    "VNeID", "Mức VNeID", "Tài khoản VNeID", "Tài khoản định danh điện tử", "Định danh điện tử", "TK ĐDĐT", "TKĐDĐT",
    "Mức định danh điện tử", "Mức tài khoản định danh điện tử", "Mức độ tài khoản", "Mức tài khoản", "Mức độ định danh",
    "Tình trạng tài khoản định danh điện tử", "Tình trạng VNeID", "Kích hoạt VNeID", "Tài khoản mức 2",
  ],
  phone: [
    "Số điện thoại", "Điện thoại", "SĐT", "Số ĐT", "ĐT liên hệ", "Di động", "Số di động",
    "Số điện thoại người đại diện", "SĐT người đại diện", "Điện thoại người đại diện", "Zalo", "Số Zalo",
  ],
};

/** Words that name whose field a header is about. */
export const ROLE_PHRASES: Readonly<Record<GuardianRoleName | "parents", readonly string[]>> = {
  father: ["Cha", "Bố", "Ba", "Cha/Bố", "Bố/Cha", "Thân phụ"],
  mother: ["Mẹ", "Má", "Mạ", "Thân mẫu"],
  guardian: ["Người giám hộ", "Giám hộ", "NGH", "Người nuôi dưỡng", "Người chăm sóc"],
  // A parent not named: only a phone number can be read from such a column.
  parents: ["Phụ huynh", "PHHS", "Cha mẹ", "Bố mẹ", "Ba mẹ", "Cha/mẹ", "Bố/mẹ", "Gia đình"],
};

/** Words that add nothing to what a header means ("của", "học sinh", "(nếu có)", "dd/mm/yyyy"). */
export const NOISE_PHRASES: readonly string[] = [
  "của", "học sinh", "HS", "trẻ", "trẻ em", "em", "con", "cháu", "nếu có", "dd/mm/yyyy", "dd/mm/yy", "dd-mm-yyyy",
  "ngày/tháng/năm", "đầy đủ", "ghi rõ", "chữ in hoa", "in hoa", "viết hoa", "có dấu", "liên hệ", "số", "thông tin",
  "cá nhân", "và", "hiện nay", "x", "12 số", "12 chữ số", "10 số", "15 ký tự", "khai sinh", "theo giấy khai sinh",
];

// A school's class list as teachers send it: a title block above the header, dates of
// birth that Excel keeps as serial numbers, an ID number Excel turned into a number (its
// leading zeros lost), an impossible date, and a column whose header the app cannot
// guess ("Chỗ ở", the address). Built with exceljs, as a real file.
import ExcelJS from "exceljs";

export const SCHOOL_LIST_FILE = "DS lop 3A - TH Kim Dong.xlsx";

/** Excel's serial number of a date (days since 1899-12-30). */
export function excelSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export interface SchoolListRow {
  name: string | null;
  dob: number | string;
  gender: string;
  ethnicity: string;
  pid: number | string | null;
  mother: string;
  phone: string;
  grade: string;
  home: string;
}

/** The rows: Nguyễn Văn An is already in the roster (his class changed: an update). */
export const SCHOOL_LIST_ROWS: readonly SchoolListRow[] = [
  // pid 001215000123 stored as the number 1215000123; date as a serial number.
  { name: "Nguyễn Văn An", dob: excelSerial("2015-03-02"), gender: "Nam", ethnicity: "Kinh", pid: 1215000123, mother: "Trần Thị Hoa", phone: "0912345678", grade: "5B", home: "Bản Co Phương" },
  { name: "Lò Văn Bình", dob: excelSerial("2016-09-14"), gender: "Nam", ethnicity: "Thái", pid: "001216000456", mother: "Lò Thị Xuân", phone: "0987654321", grade: "3A", home: "Bản Co Phương" },
  { name: "Quàng Thị Cúc", dob: "05/11/2016", gender: "Nữ", ethnicity: "Thái", pid: null, mother: "Lò Thị Xuân", phone: "0987654321", grade: "3A", home: "Bản Co Phương" },
  // 31 February does not exist: the row is rejected, never guessed.
  { name: "Cầm Văn Dũng", dob: "31/02/2016", gender: "Nam", ethnicity: "Thái", pid: null, mother: "Cầm Thị En", phone: "0911222333", grade: "3A", home: "Bản Co Phương" },
];

const HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số định danh", "Họ tên mẹ", "SĐT", "Lớp", "Chỗ ở"];

/** The class list as XLSX bytes. */
export async function schoolListXlsx(rows: readonly SchoolListRow[] = SCHOOL_LIST_ROWS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Lop 3A");
  sheet.addRow(["PHÒNG GD&ĐT HUYỆN THUẬN CHÂU"]);
  sheet.addRow(["TRƯỜNG TIỂU HỌC KIM ĐỒNG"]);
  sheet.addRow(["DANH SÁCH HỌC SINH NĂM HỌC 2025-2026"]);
  sheet.addRow([]);
  sheet.addRow(HEADER);
  rows.forEach((r, i) => sheet.addRow([i + 1, r.name, r.dob, r.gender, r.ethnicity, r.pid, r.mother, r.phone, r.grade, r.home]));
  sheet.addRow([]);
  sheet.addRow(["", "Tổng số: " + rows.length + " học sinh"]);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

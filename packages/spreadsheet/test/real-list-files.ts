// Test support: sample files shaped like the lists schools, the police and hamlet heads
// really send (issue 11), one per kind of trouble: Unicode names among TCVN3 ones, a
// village list with subtotals, a repeated header, representative columns, placeholder
// text, a letter O in an ID number and a signature block; dates typed into an Excel set
// to a US locale; a month-first row; a date of birth split over three columns; one sheet
// per class; an old .xls; a re-import with a mistyped ID number; two families whose parents
// share their names. Every name is synthetic. scripts/make-fixtures.ts writes them to
// fixtures/; the tests build the same files in memory.
import ExcelJS from "exceljs";
import type { FixtureFile } from "./fixture-files";
import { pidFor } from "./fixture-files";
import { toTcvn3 } from "./legacy-text";

const FIXED_DATE = new Date(Date.UTC(2025, 8, 5));
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function xlsxBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  workbook.creator = "roster fixtures";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function utf8(lines: readonly string[]): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

/** A commune list typed in TCVN3, where a later clerk pasted Unicode names made only of
 * Latin-1 letters ("Lê Hà", "Ngô Mỹ"): those must stay as they are. */
export const MIXED_LEGACY_EXPECTED = ["Nguyễn Văn An", "Trần Thị Hương", "Đặng Thu Trang", "Bùi Quốc Huy", "Lê Hà My", "Ngô Mỹ Hà", "Hà Lê Ân"];
export async function mixedLegacyXlsx(): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  sheet.addRow(["STT", ...["Họ và tên", "Ngày sinh", "Giới tính"].map(toTcvn3)]);
  const dobs = ["04/03/2015", "12/11/2014", "01/06/2016", "23/08/2013", "30/04/2017", "15/01/2016", "19/09/2015"];
  MIXED_LEGACY_EXPECTED.forEach((name, i) => {
    // The first four were typed with .VnTime; the last three pasted in Unicode.
    sheet.addRow([i + 1, i < 4 ? toTcvn3(name) : name, dobs[i], i % 2 === 0 ? "Nam" : toTcvn3("Nữ")]);
  });
  return { fileName: "danh-sach-pha-tron-tcvn3.xlsx", bytes: await xlsxBytes(workbook) };
}

/** What the village list must import as. */
export const VILLAGE_LIST_EXPECTED = {
  children: ["Hà Minh Khôi", "Lục Thị Nhàn", "Tạ Văn Đông", "Mã Thị Hiền", "Khổng Gia Bách", "Lã Thu Phương"],
  // Row numbers as Excel shows them (title 1, blank 2, header 3).
  skipped: { 7: "subtotal", 8: "repeated header", 12: "subtotal", 13: "total", 15: "signature", 16: "below", 17: "below", 18: "below" },
  letterORow: 9,
};

/** A hamlet head's list: sections per xóm with a subtotal, the header repeated after the
 * first section, representative columns, placeholders in the ID and phone columns, an ID
 * number typed with a letter O, a total line, a place-and-date line and a signature block
 * merged across columns with the signers' names under it. */
export async function villageListXlsx(): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Thôn Bắc");
  sheet.mergeCells("A1:I1");
  sheet.getCell("A1").value = "DANH SÁCH TRẺ EM THÔN BẮC";
  const header = ["STT", "Họ và tên", "Ngày sinh", "Số định danh", "Họ tên người đại diện", "Số định danh người đại diện", "SĐT người đại diện", "Quan hệ", "Xóm"];
  sheet.getRow(3).values = header;
  const child = (n: number, name: string, dob: string, pid: string, rep: string, repPid: string, phone: string, relation: string, xom: string) => [n, name, dob, pid, rep, repPid, phone, relation, xom];
  const rows: unknown[][] = [
    child(1, "Hà Minh Khôi", "02/03/2016", pidFor("020", "2016-03-02", "male", "410001"), "Hà Văn Lực", "Chưa có", "0912000111", "Bố", "Xóm 1"),
    child(2, "Lục Thị Nhàn", "14/07/2015", "chưa cấp", "Lục Văn Tư", pidFor("020", "1985-01-01", "male", "410002"), "Không có", "Ông nội", "Xóm 1"),
    child(3, "Tạ Văn Đông", "21/09/2017", "-", "Phùng Thị Dịu", "-", "0983000222", "Mẹ", "Xóm 1"),
    [null, "Cộng xóm 1: 3 trẻ", null, null, null, null, null, null, null],
    header,
    child(4, "Mã Thị Hiền", "30/01/2016", "0202O6410004", "Mã Văn Tuấn", "x", "x", "Bố", "Xóm 2"),
    child(5, "Khổng Gia Bách", "11/11/2014", pidFor("020", "2014-11-11", "male", "410005"), "Khổng Văn Hợp", "không", "0977000333", "Bố", "Xóm 2"),
    child(6, "Lã Thu Phương", "05/05/2017", pidFor("020", "2017-05-05", "female", "410006"), "Đinh Thị Lụa", "", "0966000444", "Bà ngoại", "Xóm 2"),
    [null, "Cộng xóm 2: 3 trẻ", null, null, null, null, null, null, 3],
    Array(9).fill("Tổng số: 6 em"),
    [],
    Array(9).fill("Thôn Bắc, ngày 05 tháng 9 năm 2025"),
    [null, "Người tổng hợp", "Người tổng hợp", "Người tổng hợp", null, null, "TRƯỞNG THÔN", "TRƯỞNG THÔN", "TRƯỞNG THÔN"],
    [null, "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)", null, null, "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"],
    [null, "Cù Thị Thoa", "Cù Thị Thoa", "Cù Thị Thoa", null, null, "Kiều Văn Mạnh", "Kiều Văn Mạnh", "Kiều Văn Mạnh"],
  ];
  rows.forEach((values, i) => (sheet.getRow(4 + i).values = values as ExcelJS.CellValue[]));
  sheet.mergeCells("A13:I13");
  sheet.mergeCells("A15:I15");
  for (const row of [16, 17, 18]) {
    sheet.mergeCells(`B${row}:D${row}`);
    sheet.mergeCells(`G${row}:I${row}`);
  }
  return { fileName: "danh-sach-thon-bac.xlsx", bytes: await xlsxBytes(workbook) };
}

/** Dates typed day-first into an Excel set to a US locale: 25/03 stayed text, 05/03 became
 * the date cell 3 May (and 01/12 became 12 January). Such cells are kept as stored and
 * flagged with the day-first reading (`typed`) for a person to settle. */
export const US_EXCEL_EXPECTED = [
  { name: "Chu Văn Lâm", dob: "2016-03-25", review: false },
  { name: "Yên Thị Ngà", dob: "2016-05-03", review: true, typed: "05/03/2016" },
  { name: "Doãn Minh Trí", dob: "2015-11-14", review: false },
  { name: "Âu Thị Kim", dob: "2016-01-12", review: true, typed: "01/12/2016" },
];
export async function usExcelXlsx(): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  sheet.addRow(["STT", "Họ và tên", "Ngày sinh", "Giới tính"]);
  const cells: (string | Date)[] = ["25/03/2016", utc(2016, 5, 3), "14/11/2015", utc(2016, 1, 12)];
  US_EXCEL_EXPECTED.forEach(({ name }, i) => {
    const row = sheet.addRow([i + 1, name, cells[i], i % 2 === 0 ? "Nam" : "Nữ"]);
    if (cells[i] instanceof Date) row.getCell(3).numFmt = "m/d/yyyy";
  });
  return { fileName: "danh-sach-ngay-excel-my.xlsx", bytes: await xlsxBytes(workbook) };
}

/** A phone's export with one row typed month-first: the column stays day-first. */
export const MONTH_FIRST_ROW_EXPECTED = [
  { name: "Triệu Văn Khải", dob: "2016-04-03" },
  { name: "Giáp Thị Uyên", dob: "2016-03-25" },
  { name: "Ông Văn Tùng", dob: "2015-11-06" },
];
export function monthFirstRowCsv(): FixtureFile {
  return {
    fileName: "danh-sach-mot-dong-thang-truoc.csv",
    bytes: utf8(["Họ và tên,Ngày sinh,Giới tính", "Triệu Văn Khải,03/04/2016,Nam", "Giáp Thị Uyên,03/25/2016,Nữ", "Ông Văn Tùng,06/11/2015,Nam"]),
  };
}

/** "Ngày sinh" merged over "Ngày | Tháng | Năm". */
export const SPLIT_DATE_EXPECTED = [
  { name: "Lữ Văn Quý", dob: "2016-03-05" },
  { name: "Viên Thị Yến", dob: "2015-12-25" },
];
export async function splitDateXlsx(): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  sheet.getRow(1).values = ["STT", "Họ và tên", "Ngày sinh", "", "", "Giới tính"];
  sheet.getRow(2).values = ["", "", "Ngày", "Tháng", "Năm", ""];
  sheet.mergeCells("C1:E1");
  for (const column of ["A", "B", "F"]) sheet.mergeCells(`${column}1:${column}2`);
  sheet.getRow(3).values = [1, "Lữ Văn Quý", 5, 3, 2016, "Nam"];
  sheet.getRow(4).values = [2, "Viên Thị Yến", "25", "12", "2015", "Nữ"];
  return { fileName: "danh-sach-ngay-tach-cot.xlsx", bytes: await xlsxBytes(workbook) };
}

/** One sheet per class, an instructions sheet, a class with an extra note column, a hidden old sheet. */
export const CLASSES_EXPECTED = {
  read: ["1A", "1B", "2A"],
  skipped: ["Hướng dẫn", "Cũ"],
  children: { "1A": ["Mạc Văn Hải", "Tôn Thị Lý"], "1B": ["Lạc Minh Quân"], "2A": ["Đàm Thị Xuân", "Mạc Văn Hải"] },
};
export async function classesXlsx(): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Hướng dẫn").addRow(["Mỗi lớp một trang; điền đủ ngày sinh"]);
  const classSheet = (name: string, rows: [string, string, string][], note = false) => {
    const sheet = workbook.addWorksheet(name);
    sheet.mergeCells("A1:D1");
    sheet.getCell("A1").value = `DANH SÁCH LỚP ${name}`;
    sheet.getRow(2).values = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", ...(note ? ["Ghi chú"] : [])];
    rows.forEach(([fullName, dob, gender], i) => (sheet.getRow(3 + i).values = [i + 1, fullName, dob, gender, ...(note ? ["Chuyển lớp"] : [])]));
    return sheet;
  };
  classSheet("1A", [["Mạc Văn Hải", "02/02/2019", "Nam"], ["Tôn Thị Lý", "17/08/2019", "Nữ"]]);
  classSheet("1B", [["Lạc Minh Quân", "09/10/2019", "Nam"]]);
  // The same pupil on two class sheets is one child (the second row is rejected as a duplicate).
  classSheet("2A", [["Đàm Thị Xuân", "21/12/2018", "Nữ"], ["Mạc Văn Hải", "02/02/2019", "Nam"]], true);
  classSheet("Cũ", [["Lê Văn Cũ", "01/01/2012", "Nam"]]).state = "hidden";
  return { fileName: "danh-sach-nhieu-lop.xlsx", bytes: await xlsxBytes(workbook) };
}

/** An old Excel 97–2003 workbook (BIFF8), written with SheetJS: a merged title, a date
 * cell, an ID number kept with a 000000000000 format. */
export const OLD_XLS_EXPECTED = [
  { name: "Kha Văn Tiến", dob: "2016-04-19", pid: pidFor("001", "2016-04-19", "male", "900001") },
  { name: "Nghiêm Thị Ánh", dob: "2015-10-28", pid: undefined },
];
export async function oldXls(): Promise<FixtureFile> {
  const XLSX = await import("@e965/xlsx");
  const sheet = XLSX.utils.aoa_to_sheet([
    ["DANH SÁCH TRẺ EM (Excel 97-2003)"],
    [],
    ["STT", "Họ và tên", "Ngày sinh", "Số định danh"],
    [1, "Kha Văn Tiến", utc(2016, 4, 19), Number(OLD_XLS_EXPECTED[0]!.pid)],
    [2, "Nghiêm Thị Ánh", utc(2015, 10, 28), "Chưa có"],
  ], { cellDates: true, UTC: true });
  sheet["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
  sheet["D4"]!.z = "000000000000";
  sheet["C4"]!.z = "dd/mm/yyyy";
  sheet["C5"]!.z = "dd/mm/yyyy";
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, "Danh sach");
  const bytes = XLSX.write(workbook, { bookType: "biff8", type: "array" }) as ArrayBuffer;
  return { fileName: "danh-sach-cu.xls", bytes: new Uint8Array(bytes) };
}

/** A first import, then the same children again from another school with one ID number
 * mistyped (two digits swapped): matched, not added again. */
const REIMPORT_PID = pidFor("036", "2016-06-09", "male", "004321");
export const REIMPORT_EXPECTED = { name: "Hoàng Gia Khánh", pid: REIMPORT_PID, typo: `${REIMPORT_PID.slice(0, 10)}${REIMPORT_PID[11]}${REIMPORT_PID[10]}` };
export function reimportCsvs(): [FixtureFile, FixtureFile] {
  const header = "Họ và tên,Ngày sinh,Giới tính,Số định danh,Họ tên cha,Họ tên mẹ";
  const row = (pid: string) => `Hoàng Gia Khánh,09/06/2016,Nam,${pid},Hoàng Văn Phúc,Lê Thị Sen`;
  return [
    { fileName: "danh-sach-tai-nhap-1.csv", bytes: utf8([header, row(REIMPORT_EXPECTED.pid)]) },
    { fileName: "danh-sach-tai-nhap-2.csv", bytes: utf8([header, row(REIMPORT_EXPECTED.typo)]) },
  ];
}

/** Two families whose fathers and mothers share their names; ID numbers and phones differ. */
export function sameNamedParentsCsv(): FixtureFile {
  return {
    fileName: "danh-sach-cha-me-trung-ten.csv",
    bytes: utf8([
      "Họ và tên,Ngày sinh,Giới tính,Họ tên cha,Số định danh cha,Họ tên mẹ,SĐT mẹ",
      `Nguyễn Văn Bình,04/02/2016,Nam,Nguyễn Văn Hải,${pidFor("001", "1985-03-03", "male", "500001")},Trần Thị Hoa,0912000555`,
      `Nguyễn Thị Cúc,07/07/2017,Nữ,Nguyễn Văn Hải,${pidFor("001", "1986-04-04", "male", "500002")},Trần Thị Hoa,0912000666`,
    ]),
  };
}

/** Every real-list fixture, as scripts/make-fixtures.ts writes them. */
export async function realListFixtures(): Promise<FixtureFile[]> {
  return [
    await mixedLegacyXlsx(), await villageListXlsx(), await usExcelXlsx(), monthFirstRowCsv(), await splitDateXlsx(),
    await classesXlsx(), await oldXls(), ...reimportCsvs(), sameNamedParentsCsv(),
  ];
}

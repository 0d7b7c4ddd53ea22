// Test support: the sample files of a real import, built with exceljs and the platform's
// encoders. The tests build them in memory; scripts/make-fixtures.ts writes the same
// files to fixtures/ for people to open. Every name is synthetic.
import ExcelJS from "exceljs";
import { latin1Bytes, toTcvn3, toVni, windows1258Bytes } from "./legacy-text";

export interface FixtureFile {
  fileName: string;
  bytes: Uint8Array;
}

const FIXED_DATE = new Date(Date.UTC(2025, 8, 5));

/** A 12-digit personal ID number for a person born on `dob` (`YYYY-MM-DD`). */
export function pidFor(province: string, dob: string, gender: "male" | "female", serial: string): string {
  const year = Number(dob.slice(0, 4));
  const digit4 = (Math.floor((year - 1900) / 100) * 2 + (gender === "female" ? 1 : 0)) % 10;
  return `${province}${digit4}${dob.slice(2, 4)}${serial}`;
}

const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function xlsxBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  workbook.creator = "roster fixtures";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** One pupil of the class list: what the school typed, and what the import must make of it. */
interface Pupil {
  family: string;
  given: string;
  dob: string | number | Date;
  female: boolean;
  ethnicity: string;
  pid: string | number | { value: number; format: string } | null;
  father: string;
  mother: string;
  phone: string | number;
}

// Class 3A: born 2016–2017. Twins Lò Văn Khánh / Lò Thị Khuyên share their parents.
const PUPILS: Pupil[] = [
  { family: "Nguyễn Văn", given: "An", dob: utcDate("2017-03-04"), female: false, ethnicity: "Kinh", pid: Number(pidFor("036", "2017-03-04", "male", "104211")), father: "Nguyễn Văn Hùng", mother: "Trần Thị Lan", phone: 912345678 },
  { family: "Trần Thị", given: "Bích", dob: "05/09/2017", female: true, ethnicity: "Kinh", pid: pidFor("036", "2017-09-05", "female", "200417"), father: "Trần Văn Toàn", mother: "Phạm Thị Hạnh", phone: "0987 654 321" },
  { family: "Lò Văn", given: "Khánh", dob: utcDate("2017-01-12"), female: false, ethnicity: "Thái", pid: { value: Number(pidFor("001", "2017-01-12", "male", "300101")), format: "000000000000" }, father: "Lò Văn Pả", mother: "Lường Thị Ơn", phone: "0388123456" },
  { family: "Lò Thị", given: "Khuyên", dob: utcDate("2017-01-12"), female: true, ethnicity: "Thái", pid: null, father: "Lò Văn Pả", mother: "Lường Thị Ơn", phone: "0388123456" },
  { family: "Hoàng Minh", given: "Đức", dob: 42950, female: false, ethnicity: "Tày", pid: Number(pidFor("001", "2017-08-03", "male", "410022")), father: "Hoàng Văn Sơn", mother: "Nông Thị Mai", phone: 389001122 },
  { family: "Phạm Ngọc", given: "Hân", dob: "7.11.2016", female: true, ethnicity: "Kinh", pid: "1.21501E+11", father: "Phạm Văn Long", mother: "Đỗ Thị Thu", phone: "0903111222" },
  { family: "Bùi Thị", given: "Hoa", dob: "31/02/2017", female: true, ethnicity: "Mường", pid: null, father: "Bùi Văn Tường", mother: "Quách Thị Nụ", phone: "0977000111" },
  { family: "Đặng Quốc", given: "Huy", dob: utcDate("2016-12-30"), female: false, ethnicity: "Kinh", pid: Number(pidFor("036", "2016-12-30", "female", "512340")), father: "Đặng Văn Khoa", mother: "Vũ Thị Yến", phone: "0912000333" },
  { family: "Vũ Thu", given: "Trang", dob: "14-6-17", female: true, ethnicity: "Kinh", pid: `${pidFor("036", "2017-06-14", "female", "620001")}`, father: "", mother: "Vũ Thị Nga", phone: "0915222444" },
  { family: "Ngô Gia", given: "Bảo", dob: utcDate("2017-10-20"), female: false, ethnicity: "Việt", pid: pidFor("036", "2017-10-20", "male", "730050"), father: "Ngô Văn Tài", mother: "Lê Thị Hồng", phone: "0936777888" },
];

/** How the class-list fixture must import: by row, what is expected. */
export const CLASS_LIST_EXPECTED = {
  // Row 6 alone names every field: the labels merged down from row 5 repeat into it.
  headerRows: [6, 6],
  firstDataRow: 7,
  rejectedRows: { 12: "pid scientific notation", 13: "31/02/2017" },
  twinRows: [9, 10],
};

/**
 * A school class list as schools make them: a 4-row title block (merged), a 2-row header
 * ("Họ và tên" over "Họ đệm" | "Tên", "Thông tin cha mẹ" over three columns, the other
 * headers merged down both rows), a "Nữ" column of x marks, dates as Excel dates, text,
 * and a General-formatted serial, ID numbers typed into General cells (leading zeros
 * lost), one kept with a 000000000000 format, one in scientific notation, and the usual
 * lines under the table.
 */
export async function classListXlsx(): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Lớp 3A");
  const title = (row: number, text: string, to = "L") => {
    sheet.mergeCells(`A${row}:${to}${row}`);
    sheet.getCell(`A${row}`).value = text;
    sheet.getCell(`A${row}`).font = { bold: true };
  };
  title(1, "PHÒNG GD&ĐT HUYỆN AN BÌNH", "E");
  title(2, "TRƯỜNG TIỂU HỌC KIM ĐỒNG", "E");
  title(3, "DANH SÁCH HỌC SINH LỚP 3A");
  title(4, "Năm học 2025 - 2026");
  const headerTop = ["STT", "Họ và tên", "", "Ngày sinh", "Nữ", "Dân tộc", "Số định danh", "Thông tin cha mẹ", "", "", "Thôn/Xóm", "Ghi chú"];
  const headerBottom = ["", "Họ đệm", "Tên", "", "", "", "", "Họ tên cha", "Họ tên mẹ", "Số điện thoại", "", ""];
  sheet.getRow(5).values = headerTop;
  sheet.getRow(6).values = headerBottom;
  sheet.mergeCells("B5:C5");
  sheet.mergeCells("H5:J5");
  for (const column of ["A", "D", "E", "F", "G", "K", "L"]) sheet.mergeCells(`${column}5:${column}6`);
  PUPILS.forEach((pupil, index) => {
    const row = sheet.getRow(7 + index);
    row.values = [
      index + 1, pupil.family, pupil.given, pupil.dob, pupil.female ? "x" : null, pupil.ethnicity,
      pupil.pid !== null && typeof pupil.pid === "object" ? pupil.pid.value : pupil.pid,
      pupil.father || null, pupil.mother, pupil.phone, "Thôn Đông", null,
    ];
    if (pupil.dob instanceof Date) row.getCell(4).numFmt = "dd/mm/yyyy";
    if (pupil.pid !== null && typeof pupil.pid === "object") row.getCell(7).numFmt = pupil.pid.format;
  });
  const after = 7 + PUPILS.length;
  title(after + 1, `Tổng số: ${PUPILS.length} học sinh, trong đó nữ: ${PUPILS.filter((p) => p.female).length}`);
  sheet.getCell(`J${after + 3}`).value = "Người lập biểu";
  sheet.getCell(`J${after + 7}`).value = "Nguyễn Thị Giáo";
  return { fileName: "danh-sach-lop-3a.xlsx", bytes: await xlsxBytes(workbook) };
}

/** Children of Thôn Đông as an old commune list holds them: typed with a legacy font. */
const LEGACY_ROWS: [name: string, dob: string, gender: string, ethnicity: string, mother: string][] = [
  ["Nguyễn Văn An", "04/03/2015", "Nam", "Kinh", "Trần Thị Hương"],
  ["Lê Thị Hoa", "12/11/2014", "Nữ", "Kinh", "Phạm Thị Thu Hà"],
  ["Đặng Thu Trang", "01/06/2016", "Nữ", "Tày", "Hoàng Thị Mỹ Duyên"],
  ["Bùi Quốc Huy", "23/08/2013", "Nam", "Mường", "Bùi Thị Ngọc Ánh"],
  ["Võ Thị Mỹ Duyên", "30/04/2017", "Nữ", "Kinh", "Lê Thị Hồng Nhung"],
  ["Đỗ Minh Đức", "15/01/2016", "Nam", "Nùng", "Nông Thị Huyền"],
];
export const LEGACY_NAMES_EXPECTED = LEGACY_ROWS.map(([name]) => name);

async function legacyListXlsx(encode: (s: string) => string, fileName: string): Promise<FixtureFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  sheet.mergeCells("A1:G1");
  sheet.getCell("A1").value = encode("Danh sách trẻ em thôn Đông");
  sheet.addRow([]);
  sheet.addRow(["STT", ...["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Họ tên mẹ", "Địa chỉ"].map(encode)]);
  LEGACY_ROWS.forEach(([name, dob, gender, ethnicity, mother], index) => {
    sheet.addRow([index + 1, encode(name), dob, encode(gender), encode(ethnicity), encode(mother), encode("Thôn Đông, xã An Bình")]);
  });
  return { fileName, bytes: await xlsxBytes(workbook) };
}

/** An old list typed with the TCVN3 (.VnTime) font: headers and names read as Latin-1. */
export const tcvn3ListXlsx = () => legacyListXlsx(toTcvn3, "danh-sach-tcvn3.xlsx");

/** An old list typed with the VNI-Times font. */
export const vniListXlsx = () => legacyListXlsx(toVni, "danh-sach-vni.xlsx");

/** A list exported from a phone (Google Sheets): UTF-8 without BOM, lower-case names,
 * day/month without leading zeros, phone numbers as text. */
export function phoneCsv(): FixtureFile {
  const text = [
    "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số định danh,Họ tên mẹ,SĐT mẹ,Địa chỉ",
    `nguyễn thị lan,4/3/2016,nữ,kinh,${pidFor("036", "2016-03-04", "female", "100200")},trần thị mai,0912 345 678,"Số 5, Thôn Đông"`,
    `TRẦN VĂN  BÌNH,19/7/2015,NAM,KINH,${pidFor("036", "2015-07-19", "male", "100300")},lê thị thu,+84 987 654 321,"Số 9, Thôn Đông"`,
    `Hà Gia Huy,2/12/2018,Nam,Tày,,Hà Thị Liên,0389 555 666,Thôn Đông`,
    "",
  ].join("\n");
  return { fileName: "danh-sach-dien-thoai.csv", bytes: new TextEncoder().encode(text) };
}

/** A CSV saved by Excel on a Vietnamese Windows PC: Windows-1258, semicolons, dates with
 * dots, ID numbers and phones that lost their leading zeros, one in scientific notation
 * with a decimal comma. */
export function windows1258Csv(): FixtureFile {
  const lines = [
    "STT;Họ và tên;Ngày sinh;Giới tính;Số định danh;Họ tên cha;Số điện thoại",
    `1;Phạm Thị Hương;08.05.2016;Nữ;${Number(pidFor("036", "2016-05-08", "female", "777001"))};Phạm Văn Đạt;912345678`,
    `2;Nguyễn Hữu Thắng;21.10.2015;Nam;${Number(pidFor("001", "2015-10-21", "male", "777002"))};Nguyễn Hữu Lộc;0904123123`,
    `3;Lê Thị Ngọc Ánh;03.02.2017;Nữ;1,21501E+11;Lê Văn Nghĩa;0383999888`,
    "",
  ];
  return { fileName: "danh-sach-windows-1258.csv", bytes: windows1258Bytes(lines.join("\r\n")) };
}

/** A TCVN3 list saved as CSV by a Western code page (the bytes are the Latin-1 mojibake). */
export function tcvn3Csv(): FixtureFile {
  const lines = [["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc"].map(toTcvn3).join(",")];
  for (const [name, dob, gender, ethnicity] of LEGACY_ROWS) lines.push([name, dob, gender, ethnicity].map(toTcvn3).join(","));
  return { fileName: "danh-sach-tcvn3.csv", bytes: latin1Bytes(lines.join("\r\n")) };
}

/** Every fixture, as scripts/make-fixtures.ts writes them. */
export async function allFixtures(): Promise<FixtureFile[]> {
  return [await classListXlsx(), await tcvn3ListXlsx(), await vniListXlsx(), phoneCsv(), windows1258Csv(), tcvn3Csv()];
}

// Every word this package shows a person, Vietnamese first, English second, in one place.
import type { LocalizedText } from "@roster/schema";

const t = (vi: string, en: string): LocalizedText => ({ vi, en });
const q = (value: string) => `“${value}”`;

export const READ_MESSAGES = {
  empty: t("Tệp rỗng, không có dữ liệu", "The file is empty"),
  damaged: t("Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx / .xls)", "The Excel file cannot be read (damaged, or not .xlsx / .xls)"),
  noSheet: t("Tệp Excel không có trang tính nào", "The workbook has no worksheet"),
  unknownSheet: (missing: readonly string[], names: readonly string[]) =>
    t(
      `Tệp không có trang ${missing.map(q).join(", ")}; các trang có: ${names.map(q).join(", ")}`,
      `The workbook has no sheet ${missing.map(q).join(", ")}; its sheets are ${names.map(q).join(", ")}`,
    ),
  unsupported: (fileName: string) =>
    t(`Tệp ${q(fileName)} không phải Excel (.xlsx, .xls) hay CSV`, `The file ${q(fileName)} is neither Excel (.xlsx, .xls) nor CSV`),
  csvProblem: (row: number, detail: string) =>
    t(`Dòng ${row}: tệp CSV có lỗi định dạng (${detail})`, `Row ${row}: the CSV file is malformed (${detail})`),
} as const;

/** Why a sheet of the workbook was not read. */
export const SHEET_MESSAGES = {
  hidden: t("Trang bị ẩn", "Hidden sheet"),
  notChosen: t("Không được chọn", "Not chosen"),
  empty: t("Trang trống", "Empty sheet"),
  noHeader: t("Không có dòng tiêu đề danh sách (cột Họ và tên)", "No list header (a full-name column)"),
  otherColumns: (main: string) =>
    t(`Các cột khác trang ${q(main)}; chọn riêng trang này để nhập`, `Its columns differ from sheet ${q(main)}; choose this sheet on its own to import it`),
} as const;

export const MAPPING_MESSAGES = {
  noHeader: t(
    "Không tìm thấy dòng tiêu đề (cần có cột Họ và tên); hãy chọn cột cho từng trường",
    "No header row found (a full-name column is needed); choose the field of each column",
  ),
  noNameColumn: t("Chưa chọn cột Họ và tên", "No column is mapped to the full name"),
  mappedTwice: (label: LocalizedText) =>
    t(`Trường “${label.vi}” được chọn cho nhiều cột`, `The field “${label.en}” is mapped to several columns`),
} as const;

/** Why a cell's value was not taken as it stands. */
export const CELL_MESSAGES = {
  dateImpossible: (text: string) => t(`Ngày ${q(text)} không có thật`, `${q(text)} is not a real date`),
  dateUnreadable: (text: string) => t(`Không đọc được ngày ${q(text)}`, `${q(text)} cannot be read as a date`),
  dateYearOnly: (text: string) => t(`Chỉ có năm ${q(text)}, thiếu ngày và tháng`, `Only the year ${q(text)}; day and month are missing`),
  dateMonthYearOnly: (text: string) => t(`Thiếu ngày trong ${q(text)}`, `The day is missing in ${q(text)}`),
  dateCentury: (text: string) =>
    t(`Năm hai chữ số trong ${q(text)} không xác định được thế kỷ`, `The two-digit year in ${q(text)} fits no plausible century`),
  dateSerialOutOfRange: (text: string) =>
    t(`Số ${q(text)} không phải ngày hợp lý`, `The number ${q(text)} is not a plausible date`),
  dateLeapBug: t("Ngày 29/02/1900 không có thật (lỗi năm nhuận của Excel)", "29/02/1900 does not exist (Excel's leap-year bug)"),
  dateMonthFirst: (text: string, read: string) =>
    t(
      `Ngày ${q(text)} chỉ đọc được theo kiểu tháng trước (Mỹ): đã đọc là ${read}; hãy kiểm tra`,
      `${q(text)} only reads month-first (US style): read as ${read}; please check`,
    ),
  dateMaybeMonthFirst: (text: string, read: string, other: string) =>
    t(
      `Ngày ${q(text)} đọc theo ngày trước là ${read}, nhưng cột có ngày viết tháng trước: có thể là ${other}; hãy kiểm tra`,
      `${q(text)} read day-first as ${read}, but the column has month-first dates: it may be ${other}; please check`,
    ),
  dateCellMaySwap: (stored: string, other: string) =>
    t(
      `Ô ngày Excel ${stored}: nếu Excel đặt kiểu Mỹ khi nhập thì ngày đúng là ${other}; hãy kiểm tra`,
      `The Excel date ${stored}: if Excel was set to a US locale when it was typed, the date is ${other}; please check`,
    ),
  dateIncomplete: (parts: string) =>
    t(`Ngày sinh chia cột thiếu ngày, tháng hoặc năm (${parts})`, `The date of birth split over columns lacks the day, month or year (${parts})`),
  genderUnknown: (text: string) => t(`Không hiểu giới tính ${q(text)}; để trống`, `Gender ${q(text)} not understood; left empty`),
  ethnicityUnknown: (text: string) =>
    t(`Không nhận ra dân tộc ${q(text)}; để trống`, `Ethnic group ${q(text)} not recognised; left empty`),
  pidDigitsLost: (text: string) =>
    t(
      `Số định danh ${q(text)} bị Excel đổi sang dạng số mũ, đã mất chữ số; hãy định dạng cột là Văn bản (Text) và nhập lại`,
      `ID number ${q(text)} was turned into scientific notation by Excel and lost digits; format the column as Text and type it again`,
    ),
  pidRecovered: (text: string, pid: string) =>
    t(`Số định danh ${q(text)} mất số 0 ở đầu; đã khôi phục thành ${pid} (khớp ngày sinh, giới tính)`, `ID number ${q(text)} lost its leading zeros; restored as ${pid} (matches date of birth and gender)`),
  pidZerosUnsure: (text: string) =>
    t(
      `Số định danh ${q(text)} có thể mất số 0 ở đầu nhưng không khớp ngày sinh/giới tính; giữ nguyên để kiểm tra`,
      `ID number ${q(text)} may have lost leading zeros but does not match date of birth and gender; kept as typed for checking`,
    ),
  pidLetterO: (text: string, positions: readonly number[], withZeros: string) =>
    t(
      `Số định danh ${q(text)} có chữ O ở vị trí ${positions.join(", ")}; nếu là số 0 thì là ${withZeros}; giữ nguyên để kiểm tra`,
      `ID number ${q(text)} has the letter O at position ${positions.join(", ")}; with a zero it would be ${withZeros}; kept as typed for checking`,
    ),
  numberNotWhole: (text: string) => t(`${q(text)} không phải dãy chữ số`, `${q(text)} is not a string of digits`),
  bhytDigitsLost: (text: string) =>
    t(`Số thẻ BHYT ${q(text)} bị đổi sang dạng số mũ, đã mất chữ số; để trống`, `Health-insurance number ${q(text)} is in scientific notation and lost digits; left empty`),
  bhytRecovered: (text: string, bhyt: string) =>
    t(`Mã số BHXH ${q(text)} mất số 0 ở đầu; đã khôi phục thành ${bhyt}`, `Social-insurance number ${q(text)} lost its leading zero; restored as ${bhyt}`),
  phoneRecovered: (text: string, phone: string) =>
    t(`Số điện thoại ${q(text)} mất số 0 ở đầu; đã sửa thành ${phone}`, `Phone ${q(text)} lost its leading zero; restored as ${phone}`),
  phoneUnreadable: (text: string) =>
    t(`Số điện thoại ${q(text)} không đúng dạng; giữ nguyên để kiểm tra`, `Phone ${q(text)} is not a phone number; kept as typed for checking`),
  residenceUnknown: (text: string) =>
    t(`Không hiểu loại cư trú ${q(text)}; để trống`, `Residence type ${q(text)} not understood; left empty`),
  representativeUnknown: (text: string) =>
    t(`Không xác định được người đại diện ${q(text)}; để trống`, `Representative ${q(text)} not understood; left empty`),
} as const;

/** Why a row is not imported, or what was done with it. */
export const VNEID_MESSAGES = {
  unknown: (text: string) =>
    t(`Không rõ mức tài khoản định danh điện tử ${q(text)}`, `${q(text)} is not a VNeID account level`),
} as const;

export const ROW_MESSAGES = {
  noName: t("Không có họ tên trẻ", "No child's name"),
  duplicateInFile: ({ row, sheet }: { row: number; sheet?: string }) =>
    sheet === undefined
      ? t(`Trùng với dòng ${row} trong tệp`, `Same child as row ${row} of the file`)
      : t(`Trùng với dòng ${row} trang ${q(sheet)} trong tệp`, `Same child as row ${row} of sheet ${q(sheet)} of the file`),
  pidTypo: (inFile: string, stored: string) =>
    t(
      `Số định danh trong tệp ${inFile} lệch 1–2 chữ số với số đã lưu ${stored} (cùng họ tên, ngày sinh, cha mẹ): coi là gõ nhầm, đã khớp với trẻ đã có và giữ số đã lưu; hãy kiểm tra`,
      `The file's ID number ${inFile} is one or two digits off the stored ${stored} (same name, date of birth and parents): taken as a typo, matched to the existing child, the stored number kept; please check`,
    ),
  pidOfOtherChild: (name: string) =>
    t(
      `Số định danh đã thuộc trẻ ${q(name)} (khác họ tên và ngày sinh)`,
      `The ID number already belongs to ${q(name)} (different name and date of birth)`,
    ),
  ambiguousMatch: (names: readonly string[]) =>
    t(`Khớp với nhiều trẻ đã có: ${names.map(q).join(", ")}`, `Matches several existing children: ${names.map(q).join(", ")}`),
  keptValidValue: (label: LocalizedText, kept: string) =>
    t(`${label.vi}: giữ giá trị hợp lệ đã có ${q(kept)}`, `${label.en}: kept the valid existing value ${q(kept)}`),
  guardianDiffers: (who: LocalizedText, existing: string) =>
    t(
      `Thông tin ${who.vi} trong tệp khác ${who.vi} đã liên kết (${q(existing)}); giữ liên kết cũ`,
      `The ${who.en} in the file differs from the linked ${who.en} (${q(existing)}); the link is kept`,
    ),
  guardianPidTaken: (who: LocalizedText, existing: string) =>
    t(
      `Số định danh ${who.vi} đã thuộc người khác tên (${q(existing)}); chưa liên kết`,
      `The ${who.en}'s ID number belongs to someone else (${q(existing)}); not linked`,
    ),
  guardianValueConflict: (label: LocalizedText, kept: string, row: number) =>
    t(`${label.vi}: khác với dòng ${row} (giữ ${q(kept)})`, `${label.en}: differs from row ${row} (kept ${q(kept)})`),
  guardianWithoutName: (who: LocalizedText) =>
    t(`Có thông tin ${who.vi} nhưng không có họ tên hay số định danh; bỏ qua`, `The ${who.en} has neither a name nor an ID number; ignored`),
  representativeOther: (name: string, role: LocalizedText) =>
    t(
      `Người đại diện ${q(name)} khác ${role.vi} đã ghi trên dòng; chưa liên kết`,
      `The representative ${q(name)} differs from the ${role.en} on the row; not linked`,
    ),
  phoneOwnerUnknown: t(
    "Không rõ số điện thoại của cha, mẹ hay người giám hộ; chưa lưu",
    "Whose phone number this is (father, mother or guardian) is unclear; not stored",
  ),
  sheetsRead: (sheets: readonly string[]) =>
    t(`Đã đọc ${sheets.length} trang: ${sheets.map(q).join(", ")}`, `${sheets.length} sheets read: ${sheets.map(q).join(", ")}`),
  legacyColumn: (header: string, encoding: string, count: number) =>
    t(`Cột ${q(header)}: đã chuyển ${count} ô từ phông ${encoding} sang Unicode`, `Column ${q(header)}: ${count} cells converted from ${encoding} to Unicode`),
} as const;

/** Why a row is skipped without being a child. */
export const SKIP_MESSAGES = {
  repeatedHeader: t("Dòng tiêu đề lặp lại", "Repeated header row"),
  columnNumbers: t("Dòng đánh số cột", "Column-number row"),
  tooLittle: t("Chỉ có một ô dữ liệu (dòng ghi chú, chữ ký hoặc tổng cộng)", "Only one value (a note, signature or total line)"),
  subtotal: t("Dòng cộng, tổng số", "A subtotal or total line"),
  footer: t("Dòng ký tên, ngày tháng dưới danh sách", "A signature or date line under the list"),
  belowFooter: (row: number) => t(`Nằm dưới phần ký tên (từ dòng ${row})`, `Below the signature block (from row ${row})`),
  mergedLabel: t("Chỉ có ô gộp làm nhãn, không có dữ liệu của trẻ", "Only merged label cells, no child's data"),
  notAName: (text: string) =>
    t(`Không có ngày sinh, số định danh và ${q(text)} không phải họ tên người`, `No date of birth, no ID number, and ${q(text)} is not a person's name`),
} as const;

export const ROLE_WORDS = {
  father: t("cha", "father"),
  mother: t("mẹ", "mother"),
  guardian: t("người giám hộ", "guardian"),
} as const;

/** Words of the exported lists and the handover document. */
export const EXPORT_WORDS = {
  notePrefix: "Lưu ý: ",
  problemListTitle: "DANH SÁCH TRẺ EM CẦN BỔ SUNG, ĐIỀU CHỈNH THÔNG TIN",
  asOfLine: (date: string) => `(Số liệu tính đến ngày ${date})`,
  handoverTitle: "DANH SÁCH TRẺ EM ĐÃ RÀ SOÁT, XÁC MINH THÔNG TIN",
  handoverSubtitle: (village: string, commune: string) => `${village}, ${commune}`.replace(/^, |, $/g, ""),
  nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  total: (count: number) => `Danh sách gồm ${count} trẻ em.`,
  receiverTitle: "NGƯỜI TIẾP NHẬN",
  policeTitle: (commune: string) => `CÔNG AN ${commune.toUpperCase()}`.trim(),
  signHint: "(Ký, ghi rõ họ tên)",
  sealHint: "(Ký, ghi rõ họ tên, đóng dấu)",
} as const;

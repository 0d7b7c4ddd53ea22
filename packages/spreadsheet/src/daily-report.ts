// The daily campaign report (DOMAIN.md: progress is reported daily per residential group,
// in one uniform template, against the ≥10 %-per-week target). One XLSX layout for every
// commune and every day, so the level above can put reports side by side.
import ExcelJS from "exceljs";
import type { CampaignCounts } from "@roster/schema";
import { formatDate, formatDateInWords } from "./format-values";
import { neutraliseCell } from "./neutralise-cell";

/** One line of the report: a village (or the commune total), now and at the week's start. */
export interface DailyReportLine {
  name: string;
  counts: CampaignCounts;
  /** The figures at the start of the week (see `weekStart`); absent: none kept yet. */
  weekStart?: CampaignCounts;
}

export interface DailyReportInput {
  /** e.g. "Phường Ngọc Hà". */
  communeName: string;
  /** The day reported (`YYYY-MM-DD`). */
  date: string;
  /** The day the week's change is measured from (`YYYY-MM-DD`), normally `date` − 7. */
  weekStart: string;
  /** Percentage points more per week each campaign figure should gain. */
  weeklyTargetPercent: number;
  /** One line per village, in the order to print. */
  lines: DailyReportLine[];
  total: DailyReportLine;
  /** The left heading block (issuing body); default `UBND <COMMUNE>`. */
  issuer?: string[];
}

/** A figure as a percentage of the children in campaign age, one decimal. */
export function campaignPercent(counts: CampaignCounts, key: keyof CampaignCounts): number {
  return counts.inCampaignAge === 0 ? 0 : Math.round((counts[key] / counts.inCampaignAge) * 1000) / 10;
}

/** Percentage points gained since the week's start (0 when no start figures are kept). */
export function weeklyGain(line: DailyReportLine, key: keyof CampaignCounts): number {
  if (!line.weekStart) return 0;
  return Math.round((campaignPercent(line.counts, key) - campaignPercent(line.weekStart, key)) * 10) / 10;
}

/** The figures the week's target is judged on (DOMAIN.md: level-2 accounts and health books). */
export const WEEKLY_TARGET_KEYS = ["vneidLevel2", "healthBook"] as const;

/** True when every target figure gained the weekly target or is already complete. */
export function meetsWeeklyTarget(line: DailyReportLine, target: number): boolean {
  return WEEKLY_TARGET_KEYS.every((key) => campaignPercent(line.counts, key) >= 100 || weeklyGain(line, key) >= target);
}

/** Counted columns: header, the key, and whether a percentage column follows. */
const FIGURES: readonly { header: string; key: keyof CampaignCounts; percent: boolean }[] = [
  { header: "Tổng số trẻ trong danh sách", key: "children", percent: false },
  { header: "Trẻ từ 6 đến dưới 14 tuổi", key: "inCampaignAge", percent: false },
  { header: "Có số định danh cá nhân hợp lệ", key: "validPid", percent: true },
  { header: "Đã được công an xác minh", key: "verified", percent: false },
  { header: "Cần bổ sung, điều chỉnh", key: "needsFix", percent: false },
  { header: "Đã nộp hồ sơ cấp thẻ căn cước", key: "idCardApplied", percent: true },
  { header: "Đã được cấp thẻ căn cước", key: "idCardIssued", percent: true },
  { header: "Đã có tài khoản định danh điện tử mức 2", key: "vneidLevel2", percent: true },
  { header: "Đã kích hoạt sổ sức khỏe điện tử", key: "healthBook", percent: true },
  { header: "Đã đăng ký cư trú", key: "residenceRegistered", percent: true },
];

const GAINS: readonly { header: string; key: keyof CampaignCounts }[] = [
  { header: "TK định danh mức 2", key: "vneidLevel2" },
  { header: "Sổ sức khỏe điện tử", key: "healthBook" },
];

/** The values of one line, column by column after STT and name. */
export function dailyReportValues(line: DailyReportLine, target: number): (number | string)[] {
  const values: (number | string)[] = [];
  for (const { key, percent } of FIGURES) {
    values.push(line.counts[key]);
    if (percent) values.push(campaignPercent(line.counts, key));
  }
  for (const { key } of GAINS) values.push(weeklyGain(line, key));
  values.push(meetsWeeklyTarget(line, target) ? "Đạt" : "Chưa đạt");
  return values;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" },
};
const A4 = 9 as ExcelJS.PaperSize;

/**
 * The report as an XLSX workbook: issuing body and national heading, title, commune and
 * date, a two-row header (figure, then "Số lượng" / "Tỷ lệ %"), one row per village, the
 * commune total in bold, the week's gain in percentage points of the level-2 and
 * health-book figures against the target, and a line for the person who made it. A4
 * landscape, header repeated on every page.
 */
export async function dailyReportXlsx(input: DailyReportInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Bao cao ngay", {
    pageSetup: { paperSize: A4, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = 2 + FIGURES.reduce((n, f) => n + (f.percent ? 2 : 1), 0) + GAINS.length + 1;
  const half = Math.floor(width / 2);
  const issuer = input.issuer ?? [`UBND ${input.communeName.toUpperCase()}`];

  const merged = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font> = {}) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = neutraliseCell(text);
    cell.font = font;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  };
  merged(1, 1, half, issuer[0] ?? "", { bold: issuer.length === 1 });
  merged(1, half + 1, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true });
  merged(2, 1, half, issuer[1] ?? "", { bold: true });
  merged(2, half + 1, width, "Độc lập - Tự do - Hạnh phúc", { bold: true, underline: true });
  merged(3, half + 1, width, `${input.communeName}, ${formatDateInWords(input.date)}`, { italic: true });
  merged(5, 1, width, "BÁO CÁO TIẾN ĐỘ HẰNG NGÀY", { bold: true, size: 14 });
  merged(6, 1, width, "Làm sạch dữ liệu, cấp định danh điện tử mức 2, căn cước, sổ sức khỏe điện tử cho trẻ em từ 6 đến dưới 14 tuổi", { bold: true });
  merged(7, 1, width, `${input.communeName} - số liệu đến ngày ${formatDate(input.date)}; tăng trong tuần tính từ ngày ${formatDate(input.weekStart)}; chỉ tiêu ${input.weeklyTargetPercent}%/tuần`, { italic: true });

  // Two header rows: figures with a percentage span two columns.
  const top = 9;
  const sub = 10;
  const header = (column: number, text: string, rows: 1 | 2) => {
    if (rows === 2) sheet.mergeCells(top, column, sub, column);
    const cell = sheet.getCell(top, column);
    cell.value = text;
  };
  header(1, "STT", 2);
  header(2, "Thôn / Tổ dân phố", 2);
  let column = 3;
  for (const { header: text, percent } of FIGURES) {
    if (percent) {
      sheet.mergeCells(top, column, top, column + 1);
      sheet.getCell(top, column).value = text;
      sheet.getCell(sub, column).value = "Số lượng";
      sheet.getCell(sub, column + 1).value = "Tỷ lệ %";
      column += 2;
    } else {
      header(column, text, 2);
      column += 1;
    }
  }
  sheet.mergeCells(top, column, top, column + GAINS.length - 1);
  sheet.getCell(top, column).value = "Tăng trong tuần (điểm %)";
  GAINS.forEach((gain, i) => (sheet.getCell(sub, column + i).value = gain.header));
  column += GAINS.length;
  header(column, `Chỉ tiêu ${input.weeklyTargetPercent}%/tuần`, 2);
  for (const row of [top, sub]) {
    const r = sheet.getRow(row);
    r.height = row === top ? 48 : 30;
    for (let c = 1; c <= width; c++) {
      const cell = r.getCell(c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = THIN;
    }
  }
  sheet.views = [{ state: "frozen", ySplit: sub, xSplit: 2 }];
  sheet.pageSetup.printTitlesRow = `${top}:${sub}`;

  const percentColumns = new Set<number>();
  column = 3;
  for (const { percent } of FIGURES) {
    if (percent) percentColumns.add(column + 1);
    column += percent ? 2 : 1;
  }
  for (let i = 0; i < GAINS.length; i++) percentColumns.add(column + i);

  const addLine = (index: number | string, line: DailyReportLine, bold: boolean) => {
    const row = sheet.addRow([index, neutraliseCell(line.name), ...dailyReportValues(line, input.weeklyTargetPercent)]);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = THIN;
      cell.font = { bold };
      cell.alignment = { horizontal: c === 2 ? "left" : "center", vertical: "middle", wrapText: c === 2 };
      if (percentColumns.has(c)) cell.numFmt = "0.0";
    });
  };
  input.lines.forEach((line, i) => addLine(i + 1, line, false));
  addLine("", { ...input.total, name: input.total.name || "Tổng cộng" }, true);

  const signRow = sheet.rowCount + 2;
  merged(signRow, half + 1, width, "NGƯỜI LẬP BÁO CÁO", { bold: true });
  merged(signRow + 1, half + 1, width, "(Ký, ghi rõ họ tên)", { italic: true });

  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 24;
  for (let c = 3; c <= width; c++) sheet.getColumn(c).width = percentColumns.has(c) ? 8 : 11;
  const buffer = (await workbook.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return buffer instanceof Uint8Array ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer);
}

// Lines of a list that are not children: blank lines, the header repeated on every
// printed page, the "(1) (2) (3)" column-number line, subtotals ("Cộng xóm 1: 6 trẻ",
// "Tổng số: 35 em"), and the block under the table (a place-and-date line, "Người tổng hợp"
// / "TRƯỞNG THÔN" merged across columns, the signers' names, "(Ký, ghi rõ họ tên)").
// Built for the kinds, not for examples: a row that carries no date of birth and no ID
// number is a child only if its name cell reads as a person's name.
import type { LocalizedText } from "@roster/schema";
import { foldName } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import type { ColumnMapping, ColumnTarget } from "./column-targets";
import { guessColumn } from "./guess-mapping";
import { SKIP_MESSAGES } from "./messages";

const COLUMN_NUMBER = /^\(?\d{1,2}\)?$/;
// A lone value is only a stray line when the list has columns enough to leave empty.
const MIN_COLUMNS_FOR_STRAY = 3;
// Folded, at the start of a cell, with a number somewhere in the row.
const SUBTOTAL = /^(?:cong|tong|tong so|tong cong|so luong|so tre|so hoc sinh)\b/;
// Folded, anywhere in a cell: the words of signature blocks and of the lines around them.
const FOOTER = new RegExp(
  [
    "nguoi (?:tong hop|lap|lap bieu|lap danh sach|ke khai|bao cao|kiem tra|duyet)\\b",
    "\\b(?:truong|pho) (?:thon|xom|ban|ap|khu|to dan pho|cong an|phong)\\b", "\\bto truong\\b", "\\bhieu truong\\b",
    "\\bgiao vien chu nhiem\\b", "\\bchu tich\\b", "\\btm\\.? ?ubnd\\b", "\\bky,? (?:va )?ghi ro ho (?:va )?ten\\b", "\\bky ten\\b",
    "\\bxac nhan cua\\b", "\\bdong dau\\b", "\\bnoi nhan\\b",
    // "Hòa Bình, ngày 12 tháng 5 năm 2025": a date line with a place before it.
    "\\S.*\\bngay\\b.{0,6}\\bthang\\b.{0,6}\\bnam\\b",
  ].join("|"),
);
// Words no Vietnamese name holds but labels and signature blocks do (compared in lower case
// with accents: "trưởng" is a title, "Trương" and "Trường" are names).
const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  "người", "tổng", "cộng", "ghi", "rõ", "trưởng", "sách", "xác", "nhận", "trẻ", "lớp", "thôn", "xóm", "tháng", "tịch",
  "ubnd", "giáo", "viên", "nhiệm", "ký,", "họ", "tên", "số",
]);
const NAME_WORD = /^[\p{L}][\p{L}'’-]*$/u;
const MAX_NAME_WORDS = 8;

const PERSON_TARGETS: ReadonlySet<ColumnTarget> = new Set(["dob", "dobDay", "dobMonth", "dobYear", "pid", "bhyt"]);

/** Whether `text` reads as somebody's name: letters only, a few words, none of a label's. */
export function isPlausibleName(text: string): boolean {
  const words = text.split(" ").filter((w) => w !== "");
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return false;
  return words.every((word) => NAME_WORD.test(word) && !NOT_NAME_WORDS.has(word.toLowerCase()));
}

function folded(text: string): string {
  return foldName(text).replace(/[^a-z0-9.]+/g, " ").trim();
}

/**
 * Tells the rows of one sheet that are not children, in order: once the block under the
 * table has begun (a signature or place-and-date line), every later row is part of it.
 */
export class RowSkipper {
  private footerFrom: number | null = null;
  private readonly guessed = new Map<string, ColumnTarget | null>();

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly headerCells: readonly string[],
  ) {}

  /** `guessColumn`, remembered: the same words come back on every repeated header. */
  private guess(text: string): ColumnTarget | null {
    let target = this.guessed.get(text);
    if (target === undefined) this.guessed.set(text, (target = text.length > 80 ? null : guessColumn(text)));
    return target;
  }

  /**
   * Why the row (spreadsheet row number `row`) is not a child: `"blank"` when it holds
   * nothing in a mapped column (skipped silently), a reason to list for the other kinds,
   * null for a row to read.
   */
  reason(raw: readonly CellValue[], row: number): LocalizedText | "blank" | null {
    if (this.footerFrom !== null) {
      return raw.some((cell) => cellText(cell) !== "") ? SKIP_MESSAGES.belowFooter(this.footerFrom) : "blank";
    }
    const texts: string[] = [];
    const names: string[] = [];
    const personTexts: string[] = [];
    // A value merged across columns repeats in its neighbours: a label, not a child's data.
    const labels = new Set<string>();
    const cells: { target: ColumnTarget; text: string; column: number }[] = [];
    let dataColumns = 0;
    this.mapping.forEach((target, column) => {
      if (target === null || target === "index") return;
      dataColumns++;
      const text = cellText(raw[column] ?? null);
      if (text === "") return;
      texts.push(text);
      cells.push({ target, text, column });
      if (cellText(raw[column - 1] ?? null) === text || cellText(raw[column + 1] ?? null) === text) labels.add(text);
      if (target === "fullName") names.push(text);
      if (PERSON_TARGETS.has(target) && /\d/.test(text)) personTexts.push(text);
    });
    if (texts.length === 0) return "blank";
    if (texts.length >= 3 && texts.every((text) => COLUMN_NUMBER.test(text))) return SKIP_MESSAGES.columnNumbers;
    // A row with a date of birth or an ID number in digits is a child's: the checks below
    // (header words, footers, labels, names) are for the rows without.
    const person = personTexts.some((text) => !labels.has(text));
    if (person) return null;
    const headerRepeats = cells.filter(({ target, text, column }) => {
      const header = this.headerCells[column] ?? "";
      return text.toLowerCase() === header.toLowerCase() || this.guess(text) === target;
    }).length;
    if (headerRepeats >= 2 && headerRepeats * 2 >= texts.length) return SKIP_MESSAGES.repeatedHeader;
    const allTexts = raw.map((cell) => cellText(cell)).filter((text) => text !== "");
    const foldedTexts = allTexts.map(folded);
    if (foldedTexts.some((text) => FOOTER.test(text))) {
      this.footerFrom = row;
      return SKIP_MESSAGES.footer;
    }
    if (foldedTexts.some((text) => SUBTOTAL.test(text)) && allTexts.some((text) => /\d/.test(text))) return SKIP_MESSAGES.subtotal;
    const oneValue = texts.every((text) => text === texts[0]);
    if (oneValue && dataColumns >= MIN_COLUMNS_FOR_STRAY) return SKIP_MESSAGES.tooLittle;
    if (texts.every((text) => labels.has(text))) return SKIP_MESSAGES.mergedLabel;
    const name = names.join(" ");
    if (name !== "" && !isPlausibleName(name)) return SKIP_MESSAGES.notAName(name);
    return null;
  }
}

import type { VneidLevel } from "@roster/schema";
import { foldName } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { VNEID_MESSAGES } from "./messages";
import { EMPTY_CELL, problem, type ParsedCell } from "./parsed-cell";

// How extracts and hand-kept lists write the level of a VNeID account: "Mức 2", "mức độ 2",
// "TK mức 2", "Đã kích hoạt mức 2", "level 2", a bare 1 or 2 in a column titled by level,
// or a word for none. Folded (no diacritics, lower case) before reading.
const NONE_WORDS = new Set(["khong", "chua", "chua co", "chua dang ky", "chua kich hoat", "khong co", "none", "no", "0"]);
const LEVEL = /^(?:da kich hoat |da co |tai khoan |tk )?(?:muc do|muc|level|cap)?\s*([12])$/;

/** Reads a VNeID level cell; an empty cell says nothing (null), an unreadable one is a `problem`. */
export function parseVneidCell(value: CellValue): ParsedCell<VneidLevel> {
  const text = cellText(value);
  if (text === "") return EMPTY_CELL;
  const folded = foldName(text).replace(/[^a-z0-9 ]/g, " ").replace(/\s+/g, " ").trim();
  if (NONE_WORDS.has(folded)) return { value: "none" };
  const level = LEVEL.exec(folded)?.[1];
  if (level === "1") return { value: "level1" };
  if (level === "2") return { value: "level2" };
  return problem(VNEID_MESSAGES.unknown(text));
}

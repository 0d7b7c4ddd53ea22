import { ethnicCodeFromName } from "@roster/rules";
import { cellText, type CellValue } from "./cell-value";
import { CELL_MESSAGES } from "./messages";
import { EMPTY_CELL, problem, type ParsedCell } from "./parsed-cell";

const PARENTHESISED = /\s*\(([^)]*)\)\s*/;

/**
 * Reads an ethnic group as its two-digit code by the rules' variants ("Kinh", "Việt",
 * "Khmer", "Khơ me", "Dân tộc Tày", "1" → "01"); "Kinh (Việt)" is tried as "Kinh" and as
 * "Việt". An unknown name is a `problem` (the field stays empty for a person to fill).
 */
export function parseEthnicityCell(value: CellValue): ParsedCell<string> {
  const text = cellText(value);
  if (text === "") return EMPTY_CELL;
  const inside = PARENTHESISED.exec(text)?.[1];
  const candidates = [text, text.replace(PARENTHESISED, " ").trim(), ...(inside === undefined ? [] : [inside])];
  for (const candidate of candidates) {
    const code = ethnicCodeFromName(candidate);
    if (code !== null) return { value: code };
  }
  return problem(CELL_MESSAGES.ethnicityUnknown(text));
}

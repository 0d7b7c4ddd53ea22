// School and commune lists start with a title block ("PHÒNG GD&ĐT …", "DANH SÁCH HỌC SINH
// LỚP 3A", a blank line) and sometimes a header of two rows: a merged group label
// ("Thông tin cha") above its parts ("Họ tên", "CCCD").
import { cellText, type CellValue } from "./cell-value";
import type { ColumnTarget } from "./column-targets";
import { guessColumn } from "./guess-mapping";

/** Where the header is: rows `first`..`last` (0-based, inclusive); data starts after `last`. */
export interface HeaderLocation {
  first: number;
  last: number;
  /** The header text of each column: the distinct texts of its header rows, top to bottom. */
  cells: string[];
}

// Real lists put their header within the first screenful of rows.
const SCAN_ROWS = 40;
const MIN_RECOGNISED = 2;

/** The header text of each column over rows `first`..`last`; a value merged over both rows counts once. */
export function headerCells(rows: readonly (readonly CellValue[])[], first: number, last: number): string[] {
  let width = 0;
  for (let r = first; r <= last; r++) width = Math.max(width, rows[r]?.length ?? 0);
  const cells: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let r = first; r <= last; r++) {
      const text = cellText(rows[r]?.[c] ?? null);
      if (text !== "" && !parts.includes(text)) parts.push(text);
    }
    cells.push(parts.join(" "));
  }
  return cells;
}

function score(cells: readonly string[]): number {
  const targets = new Set<ColumnTarget>();
  for (const cell of cells) {
    const target = guessColumn(cell);
    if (target !== null) targets.add(target);
  }
  // A list of children always has their names.
  return targets.has("fullName") ? targets.size : 0;
}

/**
 * Finds the header among the first 40 rows: the row (or pair of rows) whose cells name
 * the most distinct fields, one of them the name. A pair wins only when it names more
 * fields than either row alone. Null when no row names a name and one other field.
 */
export function findHeaderRow(rows: readonly (readonly CellValue[])[]): HeaderLocation | null {
  const end = Math.min(rows.length, SCAN_ROWS);
  const singles = Array.from({ length: end }, (_, r) => headerCells(rows, r, r));
  const singleScores = singles.map(score);
  let best: HeaderLocation | null = null;
  let bestScore = MIN_RECOGNISED - 1;
  for (let first = 0; first < end; first++) {
    if (singleScores[first]! > bestScore) {
      best = { first, last: first, cells: singles[first]! };
      bestScore = singleScores[first]!;
    }
    if (first + 1 >= rows.length) continue;
    const cells = headerCells(rows, first, first + 1);
    const pair = score(cells);
    // A pair must name more than either of its rows alone, so a header is never joined
    // with the blank line or the first child next to it.
    if (pair > bestScore && pair > (singleScores[first + 1] ?? 0) && pair > singleScores[first]!) {
      best = { first, last: first + 1, cells };
      bestScore = pair;
    }
  }
  return best;
}

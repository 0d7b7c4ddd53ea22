/** Row and column (both 1-based) of an A1 reference such as `XFD1048576`; null when it is not one. */
export function cellAddress(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

/** Rows, columns and cells an `A1:B2` range (or a single `A1`) covers; null when it is not a range. */
export function rangeSize(ref: string): { rows: number; columns: number; cells: number } | null {
  const [from, to = from] = ref.split(":");
  const a = from === undefined ? null : cellAddress(from);
  const b = cellAddress(to ?? "");
  if (!a || !b) return null;
  const rows = Math.abs(b.row - a.row) + 1;
  const columns = Math.abs(b.column - a.column) + 1;
  return { rows, columns, cells: rows * columns };
}

import Papa from "papaparse";
import type { LocalizedText } from "@roster/schema";
import type { CellValue } from "./cell-value";
import { SpreadsheetReadError } from "./errors";
import type { RawTable } from "./raw-table";
import { decodeText } from "./text-decoding";
import { READ_MESSAGES } from "./messages";

// A parser that reports a broken quote on every following line would flood the preview.
const MAX_WARNINGS = 5;

/**
 * Reads a CSV (or tab-separated "Unicode text") file: the encoding is detected
 * (`decodeText`), the delimiter guessed by Papa Parse (comma, semicolon, tab, pipe).
 * Every cell is a string; record `i` is `rows[i]`.
 * @throws SpreadsheetReadError when the file is empty.
 */
export function readCsv(bytes: Uint8Array, fileName: string): RawTable {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === "") throw new SpreadsheetReadError("empty", READ_MESSAGES.empty);
  const parsed = Papa.parse<string[]>(text, { delimiter: "", skipEmptyLines: false, header: false });
  const warnings: LocalizedText[] = [];
  for (const error of parsed.errors) {
    // A file of one column has no delimiter to find; that is not a problem of the file.
    if (error.code === "UndetectableDelimiter") continue;
    if (warnings.length >= MAX_WARNINGS) break;
    warnings.push(READ_MESSAGES.csvProblem((error.row ?? 0) + 1, error.message));
  }
  const rows: CellValue[][] = parsed.data.map((record) => record.map((cell) => (cell === "" ? null : cell)));
  return { format: "csv", sheet: fileName, sheetNames: [fileName], encoding, rows, warnings };
}

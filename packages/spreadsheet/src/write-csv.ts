import Papa from "papaparse";
import type { ExportTable } from "./export-table";
import { neutraliseCsvCell } from "./neutralise-cell";

interface Encoder {
  encode(input: string): Uint8Array;
}

// The WHATWG TextEncoder of browsers, workers and Node; reached through globalThis
// because the isomorphic tsconfig has neither DOM nor Node types.
function utf8(text: string): Uint8Array {
  const Ctor = (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder;
  return new Ctor().encode(text);
}

// Excel opens a CSV as UTF-8 only when it starts with a byte-order mark.
const BOM = "\uFEFF";
// Vietnamese Windows often lists with ";" (the decimal mark is ","), so Excel may split
// a CSV at semicolons: a field holding one is quoted as well (a reader using ";" then
// keeps it whole when it starts the line), and `neutraliseCsvCell` covers the rest.
// Papa quotes commas, quotes and line breaks by itself.
const OTHER_SEPARATOR = /[;\t]/;

/**
 * Writes a table as CSV: UTF-8 with a BOM (so Excel shows Vietnamese correctly), comma
 * separated, CRLF line ends, quoted where needed (a `;` too: safe read with `,` or `;`
 * as the list separator); the header row first (title lines are
 * left out: a CSV is read by programs). Every text cell goes through `neutraliseCsvCell`.
 * Note that Excel opening a CSV drops the leading zeros of ID numbers: give people the
 * XLSX; the CSV is for the child-information software and for re-import.
 */
export function tableToCsv(table: ExportTable): Uint8Array {
  const fields = table.columns.map((c) => neutraliseCsvCell(c.header));
  const data = table.rows.map((row) => row.map((value) => (typeof value === "string" ? neutraliseCsvCell(value) : (value ?? ""))));
  const quotes = (value: unknown) => typeof value === "string" && OTHER_SEPARATOR.test(value);
  return utf8(BOM + Papa.unparse({ fields, data }, { newline: "\r\n", escapeFormulae: false, quotes }));
}

import JSZip from "jszip";
import Papa from "papaparse";
import { SaxesParser } from "saxes";
import { cellAddress, rangeSize } from "./cell-range";
import { SpreadsheetReadError } from "./errors";
import { READ_MESSAGES } from "./messages";
import { LIMIT_MESSAGES, READ_LIMITS, SpreadsheetLimitError, type ReadLimits } from "./read-limits";

interface Decoder {
  decode(input?: Uint8Array, options?: { stream: boolean }): string;
}
// The WHATWG TextDecoder of browsers, workers and Node (the isomorphic tsconfig has no DOM types).
const newDecoder = (label: string): Decoder =>
  new (globalThis as unknown as { TextDecoder: new (label: string) => Decoder }).TextDecoder(label);

// jszip's documented `ZipObject#internalStream`, missing from its type declarations.
interface StreamHelper {
  on(event: "data", listener: (chunk: Uint8Array) => void): StreamHelper;
  on(event: "error", listener: (error: unknown) => void): StreamHelper;
  on(event: "end", listener: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}
type StreamableEntry = JSZip.JSZipObject & { internalStream(type: "uint8array"): StreamHelper; _data?: { uncompressedSize?: unknown } };

const ZIP = [0x50, 0x4b];
// exceljs reads every `xl/worksheets/sheetN.xml`; anything under that folder is checked.
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** What a worksheet's XML declares and holds, counted as it streams past. */
class SheetCounter {
  private readonly parser = new SaxesParser();
  private rowWidth = 0;
  private cellsInRow = 0;
  private rowNumber = 0;
  cells = 0;

  constructor(private readonly check: (rows: number, cells: number) => void) {
    this.parser.on("opentag", (tag) => {
      const name = tag.name.slice(tag.name.indexOf(":") + 1);
      const attributes = tag.attributes as Record<string, string>;
      if (name === "dimension" || name === "mergeCell") {
        const size = rangeSize(attributes.ref ?? "");
        if (!size) return;
        // A range's far corner counts as rows; its area as cells (exceljs makes every cell of a merge).
        const end = cellAddress((attributes.ref ?? "").split(":").pop() ?? "");
        this.check(end?.row ?? size.rows, this.cells + size.cells);
        if (name === "mergeCell") this.cells += size.cells;
      } else if (name === "row") {
        this.rowNumber = Number(attributes.r) || this.rowNumber + 1;
        this.rowWidth = 0;
        this.cellsInRow = 0;
        this.check(this.rowNumber, this.cells);
      } else if (name === "c") {
        this.cellsInRow += 1;
        const at = cellAddress(attributes.r ?? "");
        this.rowWidth = Math.max(this.rowWidth, at?.column ?? this.cellsInRow);
      }
    });
    this.parser.on("closetag", (tag) => {
      if (tag.name.slice(tag.name.indexOf(":") + 1) !== "row") return;
      // The reader makes every cell up to the row's last one.
      this.cells += this.rowWidth;
      this.check(this.rowNumber, this.cells);
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(rest: string): void {
    this.parser.write(rest).close();
  }
}

function checker(limits: ReadLimits) {
  return (rows: number, cells: number) => {
    if (rows > limits.maxRows) throw new SpreadsheetLimitError("too_many_rows", LIMIT_MESSAGES.rows(limits));
    if (cells > limits.maxCells) throw new SpreadsheetLimitError("too_many_cells", LIMIT_MESSAGES.cells(limits));
  };
}

/** Runs a step of the SAX count: a limit passes through, broken XML is a damaged file. */
function sheetStep(step: () => void): void {
  try {
    step();
  } catch (cause) {
    if (cause instanceof SpreadsheetLimitError) throw cause;
    throw new SpreadsheetReadError("damaged", READ_MESSAGES.damaged, { cause });
  }
}

/** Inflates one entry chunk by chunk, giving each chunk to `each`, and stops at the first throw. */
function streamEntry(entry: StreamableEntry, each: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = entry.internalStream("uint8array");
    stream
      .on("data", (chunk) => {
        try {
          each(chunk);
        } catch (error) {
          stream.pause();
          reject(error);
        }
      })
      .on("error", (error) => reject(new SpreadsheetReadError("damaged", READ_MESSAGES.damaged, { cause: error })))
      .on("end", () => resolve())
      .resume();
  });
}

async function preflightXlsx(bytes: Uint8Array, limits: ReadLimits): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new SpreadsheetReadError("damaged", READ_MESSAGES.damaged, { cause });
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir) as StreamableEntry[];
  const tooExpanded = () => new SpreadsheetLimitError("too_expanded", LIMIT_MESSAGES.expanded(limits));
  // The central directory's sizes refuse most bombs without inflating a byte...
  const declared = entries.reduce((sum, entry) => sum + (Number(entry._data?.uncompressedSize) || 0), 0);
  if (declared > limits.maxExpandedBytes) throw tooExpanded();
  // ...and the bytes actually inflated catch an entry that lies about its size.
  let expanded = 0;
  const check = checker(limits);
  for (const entry of entries) {
    const sheet = WORKSHEET.test(entry.name) ? new SheetCounter(check) : undefined;
    const decoder = sheet ? newDecoder("utf-8") : undefined;
    await streamEntry(entry, (chunk) => {
      expanded += chunk.length;
      if (expanded > limits.maxExpandedBytes) throw tooExpanded();
      if (sheet && decoder) sheetStep(() => sheet.write(decoder.decode(chunk, { stream: true })));
    });
    if (sheet && decoder) sheetStep(() => sheet.end(decoder.decode()));
  }
}

function preflightCsv(bytes: Uint8Array, encoding: string, limits: ReadLimits): void {
  // Rows are counted, not kept: quotes and line ends are ASCII in every 8-bit encoding
  // read, so Latin-1 (which accepts any byte) finds the same records as the real decoding.
  const text = newDecoder(encoding).decode(bytes);
  const check = checker(limits);
  let rows = 0;
  let cells = 0;
  let refused: unknown;
  Papa.parse<string[]>(text, {
    delimiter: "",
    step: (row, parser) => {
      rows += 1;
      cells += row.data.length;
      try {
        check(rows, cells);
      } catch (error) {
        refused = error;
        parser.abort();
      }
    },
  });
  if (refused) throw refused;
}

/**
 * Looks at a file before it is read, without building it: for XLSX the sizes in the zip's
 * central directory, then each entry inflated as a stream (at most `maxExpandedBytes` in
 * all) and each worksheet's XML through a SAX parser (declared `<dimension>`, `<mergeCell>`
 * areas, the highest row, each row's width); for CSV the records counted. A 1.7 kB file
 * with one merge over `A1:XFD1048576`, a 2 MB file that inflates to 2 GB and a million-row
 * CSV are all refused here, in well under a second and a few megabytes.
 * @throws SpreadsheetLimitError over a limit; SpreadsheetReadError for a damaged zip.
 */
export async function preflightSpreadsheet(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): Promise<void> {
  if (bytes.length >= 2 && bytes[0] === ZIP[0] && bytes[1] === ZIP[1]) return preflightXlsx(bytes, limits);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return preflightCsv(bytes, "utf-16le", limits);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return preflightCsv(bytes, "utf-16be", limits);
  // An old .xls or another binary file is not text: its own reader deals with it.
  if (bytes.subarray(0, 4096).includes(0)) return;
  preflightCsv(bytes, "latin1", limits);
}

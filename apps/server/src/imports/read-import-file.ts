import { SpreadsheetReadError, readWorkbook, type RawTable, type ReadWorkbookOptions } from "@roster/spreadsheet";
import { UnprocessableFileError } from "./import-errors";

/** Largest file an import accepts (the API answers 413 above it, the CLI refuses it). A
 * 10,000-row class list is about 1 MB as XLSX. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * Reads an uploaded list (XLSX, old XLS or CSV, told apart by content), the sheets chosen
 * or by default every visible sheet shaped like the main one. A file the spreadsheet
 * package cannot read becomes a 422 with its Vietnamese / English reason (`unknown_sheet`
 * for a chosen sheet the workbook lacks); anything else thrown while reading (a damaged
 * zip exceljs chokes on) is a 422 too, never a 500.
 */
export async function readImportFile(bytes: Uint8Array, fileName: string, options: ReadWorkbookOptions = {}): Promise<RawTable> {
  try {
    return await readWorkbook(bytes, fileName, options);
  } catch (error) {
    if (error instanceof SpreadsheetReadError) {
      throw new UnprocessableFileError(`${error.text.vi} / ${error.text.en}`, error.code === "unknown_sheet" ? "unknown_sheet" : "unreadable_file");
    }
    throw new UnprocessableFileError(
      "Không đọc được tệp: tệp hỏng hoặc không phải danh sách Excel/CSV / The file cannot be read: damaged, or not an Excel/CSV list",
    );
  }
}

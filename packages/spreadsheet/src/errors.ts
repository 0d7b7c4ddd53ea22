import type { LocalizedText } from "@roster/schema";

/** A file that cannot be read as a list: not a spreadsheet, empty, damaged, or without the sheet asked for. */
export class SpreadsheetReadError extends Error {
  override readonly name = "SpreadsheetReadError";
  constructor(
    readonly code: "unsupported_format" | "empty" | "damaged" | "no_sheet" | "unknown_sheet",
    readonly text: LocalizedText,
    options?: { cause?: unknown },
  ) {
    super(text.en, options);
  }
}

/** A column mapping that cannot produce children: no name column, or a field mapped twice. */
export class InvalidMappingError extends Error {
  override readonly name = "InvalidMappingError";
  constructor(readonly problems: LocalizedText[]) {
    super(problems.map((p) => p.en).join("; "));
  }
}

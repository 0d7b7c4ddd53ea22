// The people of an extract of the national population database, read like an imported
// list (header row, column synonyms, legacy fonts, day-first dates), but nothing is matched
// or written here: `reconcileExtract` decides what each person is to the roster.
import type { ChildFields, GuardianFields, LocalizedText } from "@roster/schema";
import { isIsoDate } from "@roster/rules";
import { buildColumnContext } from "./column-context";
import type { ColumnMapping } from "./column-targets";
import { findHeaderRow, type HeaderLocation } from "./find-header-row";
import { assertValidMapping } from "./guess-mapping";
import type { RawTable } from "./raw-table";
import { readRow } from "./read-row";
import { RowSkipper } from "./skip-row";

/** One person of the extract as the national database gives them. */
export interface ExtractPerson {
  /** Spreadsheet row number (1-based, as Excel shows it). */
  row: number;
  child: ChildFields;
  father?: GuardianFields;
  mother?: GuardianFields;
}

export interface ExtractRead {
  people: ExtractPerson[];
  /** Rows that cannot be a person: no name, an unreadable date of birth or ID number. */
  rejected: { row: number; reason: LocalizedText }[];
  /** Lines that are not people (a repeated header, a total line), with why. */
  skipped: { row: number; reason: LocalizedText }[];
  header: HeaderLocation | null;
}

const NO_HEADER: HeaderLocation = { first: -1, last: -1, cells: [] };

/**
 * Reads every data row of an extract through `mapping`. Pure and synchronous; run it in
 * a worker for large files.
 * @throws InvalidMappingError when the mapping has no name column or a field twice.
 */
export function readExtract(
  table: RawTable,
  mapping: ColumnMapping,
  options: { asOf: string; header?: HeaderLocation | null },
): ExtractRead {
  if (!isIsoDate(options.asOf)) throw new RangeError(`readExtract: asOf is not a valid date: ${JSON.stringify(options.asOf)}`);
  assertValidMapping(mapping);
  const header = options.header === undefined ? findHeaderRow(table.rows) : options.header;
  const location = header ?? NO_HEADER;
  const start = location.last + 1;
  const dataRows = table.rows.slice(start);
  const { context } = buildColumnContext(dataRows, mapping, location.cells, options.asOf);
  const read: ExtractRead = { people: [], rejected: [], skipped: [], header };
  const skipper = new RowSkipper(mapping, location.cells);
  dataRows.forEach((raw, offset) => {
    const row = start + offset + 1;
    const skip = skipper.reason(raw, row);
    if (skip === "blank") return;
    if (skip !== null) {
      read.skipped.push({ row, reason: skip });
      return;
    }
    const { child, guardians, issues } = readRow(row, raw, context);
    const reject = issues.find((issue) => issue.level === "reject");
    if (reject) {
      read.rejected.push({ row, reason: reject.message });
      return;
    }
    const person: ExtractPerson = { row, child };
    if (guardians.father) person.father = guardians.father;
    if (guardians.mother) person.mother = guardians.mother;
    read.people.push(person);
  });
  return read;
}

import type { RosterRecords } from "@roster/doc";
import type { Child, ExportFormat, ExportList, Roster, Status } from "@roster/schema";
import {
  exportCleanedList,
  exportHandoverList,
  exportProblemList,
  handoverHtml,
  tableToCsv,
  tableToXlsx,
  type ExportTable,
} from "@roster/spreadsheet";
import type { ChildMarking } from "../marks/compute-marks";
import { FILE_WORDS } from "./report-words";

export interface RosterExportRequest {
  roster: Roster;
  communeName: string;
  records: RosterRecords;
  /** The server's markings (statuses with verifications applied), by child id. */
  markings: ReadonlyMap<string, ChildMarking>;
  asOf: string;
  list: ExportList;
  format: ExportFormat;
  status?: Status | undefined;
}

export interface RosterExportFile {
  body: Uint8Array | string;
  format: ExportFormat;
  /** File name without extension, in Vietnamese. */
  name: string;
  /** Children listed. */
  rows: number;
}

/**
 * One list of the cleaning procedure as a file, for the API and the CLI alike: step 4
 * (`cleaned`, the fixed layout), step 1 (`problems`), step 3 (`handover`, also as the
 * printable HTML page). `status` keeps only children with that server status.
 * @throws RangeError for `html` of a list other than the handover list.
 */
export async function rosterExport(request: RosterExportRequest): Promise<RosterExportFile> {
  const { roster, communeName, records, markings, asOf, list, format, status } = request;
  if (format === "html" && list !== "handover") throw new RangeError("html is only for the handover list");
  const guardians = records.guardiansById();
  const children: Child[] = records
    .listChildren()
    .filter((child) => markings.has(child.id) && (!status || markings.get(child.id)!.status === status));
  const name = `${FILE_WORDS[list]} - ${roster.name} - ${asOf}`;

  let table: ExportTable;
  if (list === "cleaned") {
    table = exportCleanedList(children, guardians);
  } else if (list === "problems") {
    // The server's statuses and findings (verification.stale and conflicts included).
    const evaluations = new Map(
      children.map((child) => {
        const m = markings.get(child.id)!;
        return [child.id, { status: m.status === "needs-fix" ? ("needs-fix" as const) : ("clean" as const), findings: m.findings }];
      }),
    );
    table = exportProblemList(children, guardians, evaluations, { village: roster.name, commune: communeName, asOf });
  } else {
    const verified = new Set(children.filter((child) => markings.get(child.id)!.status === "verified").map((child) => child.id));
    const handover = exportHandoverList(children, guardians, {
      village: roster.name,
      commune: communeName,
      date: asOf,
      verified,
      issuer: [`UBND ${communeName.toUpperCase()}`, roster.name.toUpperCase()],
    });
    if (format === "html") return { body: handoverHtml(handover), format, name, rows: handover.table.rows.length };
    table = handover.table;
  }
  const body = format === "csv" ? tableToCsv(table) : await tableToXlsx(table);
  return { body, format, name, rows: table.rows.length };
}

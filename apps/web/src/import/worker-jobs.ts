// The spreadsheet jobs the worker runs, as plain async functions (unit-tested in Node;
// `spreadsheet-worker.ts` only wires them to messages). A file's table stays here between
// the mapping step and each new plan, so the bytes are parsed once.
import {
  COLUMN_TARGETS,
  InvalidMappingError,
  SpreadsheetReadError,
  cellText,
  exportCleanedList,
  exportHandoverList,
  exportProblemList,
  findHeaderRow,
  guessMapping,
  handoverHtml,
  planImport,
  readExtract,
  readWorkbook,
  reconcileExtract,
  tableToCsv,
  tableToXlsx,
  targetLabel,
  type ExportTable,
  type RawTable,
} from "@roster/spreadsheet";
import type { ListOutput, ReadSummary, WorkerReply, WorkerRequest } from "./worker-protocol";

const SAMPLE_ROWS = 3;

/** Up to three non-empty values of each column below the header. */
export function columnSamples(table: RawTable, firstDataRow: number, width: number): string[][] {
  const samples: string[][] = Array.from({ length: width }, () => []);
  for (let r = firstDataRow; r < table.rows.length; r++) {
    const row = table.rows[r] ?? [];
    let missing = false;
    for (let c = 0; c < width; c++) {
      const column = samples[c]!;
      if (column.length >= SAMPLE_ROWS) continue;
      const text = cellText(row[c] ?? null);
      if (text !== "") column.push(text);
      if (column.length < SAMPLE_ROWS) missing = true;
    }
    if (!missing) break;
  }
  return samples;
}

function summarise(table: RawTable, fileName: string): ReadSummary {
  const header = findHeaderRow(table.rows);
  const width = Math.max(header?.cells.length ?? 0, ...table.rows.slice(0, 50).map((r) => r.length));
  const mapping = header ? guessMapping(header.cells) : [];
  while (mapping.length < width) mapping.push(null);
  return {
    fileName,
    format: table.format,
    sheet: table.sheet,
    sheetNames: table.sheetNames,
    sheetsRead: (table.sheets ?? [{ name: table.sheet }]).map((sheet) => sheet.name),
    sheetsSkipped: table.skippedSheets ?? [],
    encoding: table.encoding ?? null,
    rowCount: table.rows.length,
    header,
    mapping,
    samples: columnSamples(table, header ? header.last + 1 : 0, width),
    targets: COLUMN_TARGETS.map((target) => ({ target, label: targetLabel(target) })),
  };
}

async function listOutput(table: ExportTable, format: "xlsx" | "csv"): Promise<ListOutput> {
  const bytes = format === "xlsx" ? await tableToXlsx(table) : tableToCsv(table);
  return { format, bytes, rows: table.rows.length };
}

/** Runs requests one at a time and keeps the last file read. */
export class WorkerJobs {
  private table: RawTable | undefined;
  private fileName = "";

  /** Answers one request; `send` also carries progress messages before the answer. */
  async handle(request: WorkerRequest, send: (reply: WorkerReply) => void): Promise<void> {
    const { id } = request;
    try {
      send(await this.run(request, send));
    } catch (error) {
      if (error instanceof InvalidMappingError) return send({ id, type: "invalid-mapping", problems: error.problems });
      const text = error instanceof SpreadsheetReadError ? error.text : null;
      send({ id, type: "error", text, detail: error instanceof Error ? error.message : String(error) });
    }
  }

  private async run(request: WorkerRequest, send: (reply: WorkerReply) => void): Promise<WorkerReply> {
    const { id } = request;
    switch (request.type) {
      case "read": {
        const options = request.sheets === undefined ? {} : { sheets: request.sheets };
        this.table = await readWorkbook(new Uint8Array(request.bytes), request.fileName, options);
        this.fileName = request.fileName;
        return { id, type: "read", summary: summarise(this.table, request.fileName) };
      }
      case "plan": {
        if (!this.table) throw new Error("no file read yet");
        const started = performance.now();
        const plan = planImport(this.table, request.mapping, request.roster, {
          asOf: request.asOf,
          fileName: this.fileName,
          header: request.header,
          onProgress: ({ done, total }) => send({ id, type: "progress", done, total }),
        });
        return { id, type: "plan", plan, ms: performance.now() - started };
      }
      case "reconcile": {
        if (!this.table) throw new Error("no file read yet");
        const started = performance.now();
        const extract = readExtract(this.table, request.mapping, { asOf: request.asOf, header: request.header });
        const preview = reconcileExtract(extract, request.roster, { asOf: request.asOf });
        return { id, type: "reconcile", preview, ms: performance.now() - started };
      }
      case "list":
        return { id, type: "list", output: await this.list(request) };
    }
  }

  private async list(request: Extract<WorkerRequest, { type: "list" }>): Promise<ListOutput> {
    const { data, format } = request;
    if (request.kind === "handover") {
      const settings = request.handover;
      if (!settings) throw new Error("handover settings missing");
      const list = exportHandoverList(data.children, data.guardians, {
        village: settings.village,
        commune: settings.commune,
        date: settings.date,
        verified: new Set(settings.verified),
      });
      if (format === "html") return { format, html: handoverHtml(list), rows: list.table.rows.length };
      return listOutput(list.table, format);
    }
    if (format === "html") throw new Error(`no printable page for the ${request.kind} list`);
    const table =
      request.kind === "problems"
        ? exportProblemList(data.children, data.guardians, new Map(data.evaluations), {
            village: request.village,
            commune: request.commune,
            asOf: request.asOf,
          })
        : exportCleanedList(data.children, data.guardians);
    return listOutput(table, format);
  }
}

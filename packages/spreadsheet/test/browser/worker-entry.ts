// Bundled by vite for the browser test: the whole import and export path, run inside a
// module Web Worker of real Chromium (as the web app runs it).
import { exportCleanedList, findHeaderRow, guessMapping, planImport, readWorkbook, tableToCsv, tableToXlsx } from "../../src/index";

export interface WorkerSummary {
  sheet: string;
  added: string[];
  rejected: number[];
  reimportedUnchanged: number;
  csvBytes: number;
}

/** Imports a file into an empty roster, applies it in memory, exports the result as XLSX
 * and imports that back against it. */
export async function runImport(bytes: Uint8Array, fileName: string): Promise<WorkerSummary> {
  const table = await readWorkbook(bytes, fileName);
  const header = findHeaderRow(table.rows)!;
  const plan = planImport(table, guessMapping(header.cells), { children: [], guardians: {} }, { asOf: "2025-09-05", fileName, header });
  const guardians = Object.fromEntries(plan.guardianAdd.map((g) => [g.key, { ...g.fields, id: g.key }]));
  const children = plan.add.map((a) => ({
    ...a.fields,
    ...Object.fromEntries(Object.entries(a.links).map(([field, ref]) => [field, ref.kind === "new" ? ref.key : ref.id])),
    id: a.key,
  }));
  const exported = exportCleanedList(children, guardians);
  const again = await readWorkbook(await tableToXlsx(exported), "export.xlsx");
  const againHeader = findHeaderRow(again.rows)!;
  const replan = planImport(again, guessMapping(againHeader.cells), { children, guardians }, { asOf: "2025-09-05", fileName: "export.xlsx", header: againHeader });
  return {
    sheet: table.sheet,
    added: plan.add.map((a) => a.fields.fullName ?? ""),
    rejected: plan.rejected.map((r) => r.row),
    reimportedUnchanged: replan.unchanged.length + replan.update.length * 1000 + replan.add.length * 1000,
    csvBytes: tableToCsv(exported).length,
  };
}

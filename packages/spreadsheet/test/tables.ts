// Test support: an imported sheet from literal rows, and a quick plan of it.
import type { Child, Guardian } from "@roster/schema";
import type { CellValue } from "../src/cell-value";
import { findHeaderRow } from "../src/find-header-row";
import { guessMapping } from "../src/guess-mapping";
import type { ImportPlan } from "../src/import-plan";
import { planImport } from "../src/plan-import";
import type { RawTable } from "../src/raw-table";

export const AS_OF = "2026-06-01";

export function table(rows: CellValue[][]): RawTable {
  return { format: "csv", sheet: "test.csv", sheetNames: ["test.csv"], rows, warnings: [] };
}

/** Plans rows (the first is the header) against a roster, with the guessed mapping. */
export function plan(rows: CellValue[][], existing: { children?: Child[]; guardians?: Guardian[] } = {}): ImportPlan {
  const raw = table(rows);
  const header = findHeaderRow(raw.rows);
  if (header === null) throw new Error("no header in test rows");
  const guardians = Object.fromEntries((existing.guardians ?? []).map((g) => [g.id, g]));
  return planImport(raw, guessMapping(header.cells), { children: existing.children ?? [], guardians }, { asOf: AS_OF, fileName: "test.csv", header });
}

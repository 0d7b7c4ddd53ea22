// Export then re-import of the same file changes nothing (the issue's promise), through
// the whole path a person takes: exportCleanedList → XLSX / CSV bytes → readWorkbook →
// findHeaderRow → guessMapping → planImport against the roster the list came from.
import { describe, expect, it } from "vitest";
import { exportCleanedList } from "../src/export-cleaned-list";
import { findHeaderRow } from "../src/find-header-row";
import { guessMapping } from "../src/guess-mapping";
import type { ImportPlan } from "../src/import-plan";
import { planImport } from "../src/plan-import";
import { readWorkbook } from "../src/read-workbook";
import { tableToCsv } from "../src/write-csv";
import { tableToXlsx } from "../src/write-xlsx";
import { synthRoster, type Roster } from "./roster";

const AS_OF = "2026-06-01";
const FORMATS = [
  ["xlsx", (roster: Roster) => tableToXlsx(exportCleanedList(roster.children, roster.guardians))],
  ["csv", (roster: Roster) => Promise.resolve(tableToCsv(exportCleanedList(roster.children, roster.guardians)))],
] as const;

async function reimport(roster: Roster, format: "xlsx" | "csv", write: (r: Roster) => Promise<Uint8Array>): Promise<ImportPlan> {
  const fileName = `danh-sach.${format}`;
  const table = await readWorkbook(await write(roster), fileName);
  const header = findHeaderRow(table.rows);
  expect(header).not.toBeNull();
  return planImport(table, guessMapping(header!.cells), roster, { asOf: AS_OF, fileName, header });
}

describe.each(FORMATS)("export then import (%s)", (format, write) => {
  it("of a roster the import could have made changes nothing", async () => {
    const roster = synthRoster({ seed: 11, children: 250, problemRate: 0 });
    const plan = await reimport(roster, format, write);
    expect(plan.add).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.rejected).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.guardianAdd).toEqual([]);
    expect(plan.guardianUpdate).toEqual([]);
    expect(plan.issues).toEqual([]);
    expect(plan.unchanged).toHaveLength(250);
  });

  it("of a roster with the usual problems only repairs legacy-font names and lost zeros", async () => {
    const roster = synthRoster({ seed: 12, children: 400 });
    const plan = await reimport(roster, format, write);
    expect(plan.add).toEqual([]);
    expect(plan.rejected).toEqual([]);
    expect(plan.guardianAdd).toEqual([]);
    expect(plan.guardianUpdate).toEqual([]);
    expect(plan.update.length).toBeGreaterThan(0);
    for (const update of plan.update) {
      expect(update.links).toEqual([]);
      for (const change of update.changes) {
        expect(["fullName", "pid"]).toContain(change.field);
        if (change.field === "pid") expect(change.to).toBe(`0${String(change.from)}`);
        else expect(change.to).not.toBe(change.from);
      }
    }
    expect(plan.unchanged.length + plan.update.length).toBe(roster.children.filter((c) => c.removed !== true).length);
  });
});

import type { RawTable } from "@roster/spreadsheet";
import { describeMapping, type RosterImportPlan } from "./plan-roster-import";

/**
 * `POST /api/rosters/:id/import?preview=1`: what the import would do, nothing written.
 * `plan` is the spreadsheet package's `ImportPlan` as is (rows to add with their fields
 * and planned findings; rows to update field by field with `from` / `to`; rejected rows
 * with reasons; guardians to add or update; warnings; finding counts of the new data).
 * `file.sheetsRead` / `file.sheetsSkipped` say which sheets of a workbook were read and
 * why the others were not; `plan.skipped` lists every row that is not a child, with its
 * reason; issues with `review: "date"` are the dates to check.
 * `mapping` lists every column with the target guessed and the one used, so a client can
 * show it and send corrections back in the `mapping` form field.
 */
export function importPreview(table: RawTable, planned: RosterImportPlan) {
  const { plan } = planned;
  return {
    file: {
      name: plan.fileName,
      format: table.format,
      sheet: table.sheet,
      sheetNames: table.sheetNames,
      sheetsRead: plan.sheets,
      sheetsSkipped: plan.skippedSheets,
      ...(table.encoding ? { encoding: table.encoding } : {}),
      rows: table.rows.length,
    },
    header: planned.header,
    mapping: describeMapping(planned.header, planned.mapping, planned.guessed),
    summary: {
      added: plan.add.length,
      updated: plan.update.length,
      unchanged: plan.unchanged.length,
      rejected: plan.rejected.length,
      skipped: plan.skipped.length,
      guardiansAdded: plan.guardianAdd.length,
      guardiansUpdated: plan.guardianUpdate.length,
    },
    plan,
  };
}

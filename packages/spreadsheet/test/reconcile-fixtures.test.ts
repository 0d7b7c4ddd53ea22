// The reconciliation on extracts shaped like the national system's (test/national-extract.ts):
// every planted disagreement lands in its group, from XLSX, from a TCVN3 file, and from the
// committed fixture files people can open.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findHeaderRow, guessMapping, readWorkbook, type RawTable } from "../src/index";
import { readExtract } from "../src/reconcile-extract";
import { reconcileExtract } from "../src/reconcile-match";
import { EXTRACT_AS_OF, EXTRACT_HEADER, extractScenario, extractXlsx, wholeRosterExtract, type ExtractScenario } from "./national-extract";
import { synthRoster } from "./roster";

function previewOf(table: RawTable, scenario: ExtractScenario) {
  const header = findHeaderRow(table.rows);
  expect(header?.cells.length).toBe(EXTRACT_HEADER.length);
  const mapping = guessMapping(header!.cells);
  expect(mapping).toEqual(["index", "pid", "fullName", "dob", "gender", "ethnicity", "father.fullName", "father.pid", "mother.fullName", "mother.pid", "vneid"]);
  return reconcileExtract(readExtract(table, mapping, { asOf: EXTRACT_AS_OF, header }), scenario.roster, { asOf: EXTRACT_AS_OF });
}

function expectGroups(preview: ReturnType<typeof reconcileExtract>, scenario: ExtractScenario) {
  const { expect: want } = scenario;
  const matched = new Map(preview.matched.map((m) => [m.row, m]));
  for (const { row, childId } of want.agree) {
    expect(matched.get(row)).toMatchObject({ childId, by: "pid", differences: [], vneid: "level2" });
  }
  for (const { row, childId, field, by } of want.differ) {
    const match = matched.get(row);
    expect(match, `row ${row} (${field})`).toMatchObject({ childId, by });
    expect(match?.differences.map((d) => d.field), `row ${row}`).toEqual([field]);
  }
  expect(preview.matched).toHaveLength(want.agree.length + want.differ.length);
  expect(preview.likely.map(({ row, childId, why }) => ({ row, childId, why }))).toEqual(want.likely);
  expect(preview.extractOnly.map((e) => e.row)).toEqual(want.extractOnly);
  expect(preview.outOfCampaign.map((e) => e.row)).toEqual(want.outOfCampaign);
  expect(preview.rejected.map((e) => e.row)).toEqual(want.repeated);
  expect([...preview.rosterOnly].sort()).toEqual([...want.rosterOnly].sort());
}

describe("reconciling extracts of the national population database", () => {
  it("sorts every planted case of an XLSX extract into its group", async () => {
    const scenario = extractScenario();
    const table = await readWorkbook(await extractXlsx(scenario.rows), "trich-xuat.xlsx");
    expectGroups(previewOf(table, scenario), scenario);
  });

  it("reads an extract saved in TCVN3 the same way", async () => {
    const scenario = extractScenario({ legacy: "tcvn3" });
    const table = await readWorkbook(await extractXlsx(scenario.rows), "trich-xuat-tcvn3.xlsx");
    expectGroups(previewOf(table, scenario), scenario);
  });

  it.each(["trich-xuat-to-dan-pho.xlsx", "trich-xuat-to-dan-pho-tcvn3.xlsx"])("the committed fixture %s gives the same groups", async (name) => {
    const scenario = extractScenario(name.includes("tcvn3") ? { legacy: "tcvn3" } : {});
    const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/doi-chieu/${name}`, import.meta.url)));
    expectGroups(previewOf(await readWorkbook(bytes, name), scenario), scenario);
  });

  it("matches a 5,000-row extract of a 5,000-child roster: every child at most once, every row once", { timeout: 60_000 }, async () => {
    const roster = synthRoster({ seed: 2027, children: 5_000, asOf: EXTRACT_AS_OF });
    const table = await readWorkbook(await extractXlsx(wholeRosterExtract(roster)), "trich-xuat-5000.xlsx");
    const header = findHeaderRow(table.rows);
    const preview = reconcileExtract(readExtract(table, guessMapping(header!.cells), { asOf: EXTRACT_AS_OF, header }), roster, { asOf: EXTRACT_AS_OF });
    const rows = [...preview.matched, ...preview.extractOnly, ...preview.rejected, ...preview.outOfCampaign].map((e) => e.row);
    const likelyRows = new Set(preview.likely.map((e) => e.row));
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.length + likelyRows.size).toBe(5_000);
    const children = preview.matched.map((m) => m.childId);
    expect(new Set(children).size).toBe(children.length);
    // Children with an ID number are matched by it whatever their name says.
    const withPid = roster.children.filter((c) => /^\d{12}$/.test(c.pid ?? "") && c.removed !== true).length;
    expect(preview.matched.filter((m) => m.by === "pid").length).toBeGreaterThanOrEqual(withPid * 0.95);
  });
});

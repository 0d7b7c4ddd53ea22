// CSV exports opened by a spreadsheet set to either list separator: Vietnamese Windows
// often uses ";" (the decimal mark is ","). Read with "," and with ";", no cell of any
// exported list may start as a formula.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { addRoster } from "../src/accounts/accounts";
import { aChildWithoutPid, aCleanChild, aMother, seedRecords } from "./helpers/fixtures";
import { useSharedServer } from "./helpers/shared-server";
import { fetchFile } from "./helpers/upload";
import { COMMUNE_A } from "./helpers/world";

const ROSTER = "ngoc-ha-csv-separators";
const shared = useSharedServer();

// What a hostile (or careless) editor can type into free-text fields.
const NOTES = ["ghi chu;=1+1", "a;+cmd|' /C calc'!A0", "x;@SUM(1+1)", "y;-2+3", "z,=1+1", "tab\t=1+1", "=HYPERLINK(\"http://example.invalid\")"];

beforeAll(async () => {
  await addRoster(shared.server.running.store, COMMUNE_A.code, ROSTER, "Tổ dân phố CSV");
  await seedRecords(
    shared.server.running.store,
    ROSTER,
    [aCleanChild(), ...NOTES.map((note, i) => ({ id: `c-note-${i}`, ...aChildWithoutPid({ fullName: `Lò Thị Ghi ${i}`, note }) }))],
    [aMother()],
  );
});

// A cell a spreadsheet would run: = + - @ first (or after a tab / line break), unless a plain signed number.
const FORMULA = /^[\t\r\n]*[=+\-@]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

function cells(text: string, delimiter: string): string[] {
  const rows = parse(text.replace(/^\uFEFF/, ""), { delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
  return rows.flat();
}

describe("CSV exports under either list separator", () => {
  for (const list of ["cleaned", "problems"] as const) {
    it(`the ${list} list has no formula cell read with "," or with ";"`, async () => {
      // The cleaned list holds verified records unless `status=` asks otherwise: the notes' children need fixes.
      const status = list === "cleaned" ? "&status=needs-fix" : "";
      const file = await fetchFile(shared.server.url, `/api/rosters/${ROSTER}/export?format=csv&list=${list}${status}`, shared.sessions.viewer.token);
      expect(file.status, file.text).toBe(200);
      const comma = cells(file.text, ",");
      // The legitimate path: a reader using "," gets each note whole in one cell (with the
      // apostrophes that keep its parts text, which the importer drops again).
      // The cleaned list holds values normalised, white space folded to single spaces.
      const fold = (text: string) => text.replace(/\s+/g, " ");
      if (list === "cleaned") for (const note of NOTES) expect(comma.map((cell) => fold(cell.replace(/(^|[;\r\n])'/g, "$1")))).toContain(fold(note));
      for (const delimiter of [",", ";"]) {
        const formulas = cells(file.text, delimiter).filter((cell) => FORMULA.test(cell) && !PLAIN_NUMBER.test(cell.trim()));
        expect(formulas, `read with "${delimiter}"`).toEqual([]);
      }
    });
  }
});

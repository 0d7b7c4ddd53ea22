import { describe, expect, it } from "vitest";
import { expandingXlsx, farRowXlsx, longCsv, mergedListXlsx } from "../test/hostile-files";
import { preflightSpreadsheet } from "./preflight-spreadsheet";
import { READ_LIMITS, SpreadsheetLimitError } from "./read-limits";
import { readWorkbook } from "./read-workbook";

async function refusal(bytes: Uint8Array, limits = READ_LIMITS): Promise<SpreadsheetLimitError> {
  const error = await preflightSpreadsheet(bytes, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpreadsheetLimitError);
  return error as SpreadsheetLimitError;
}

describe("preflightSpreadsheet", () => {
  it("passes a real list with a merged title, which then reads", async () => {
    const bytes = await mergedListXlsx("A1:C1");
    await expect(preflightSpreadsheet(bytes)).resolves.toBeUndefined();
    expect((await readWorkbook(bytes, "lop.xlsx")).rows[1]).toEqual(["1", "Nguyễn Văn An", "14/03/2015"]);
  });

  it("refuses the 1.7 kB workbook merged over A1:XFD1048576 before exceljs sees it", async () => {
    const bytes = await mergedListXlsx("A1:XFD1048576");
    expect(bytes.length).toBeLessThan(2500);
    const started = performance.now();
    const error = await refusal(bytes);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.code).toBe("too_many_rows");
    expect(error.text.vi).toMatch(/^Danh sách quá dài/);
  });

  it("refuses a merge that stays within the rows but covers too many cells", async () => {
    expect((await refusal(await mergedListXlsx("A1:XFD100"))).code).toBe("too_many_cells");
  });

  it("refuses a declared size over the limits even when the cells are few", async () => {
    expect((await refusal(await mergedListXlsx("A1:C1", "A1:C1048576"))).code).toBe("too_many_rows");
  });

  it("refuses one child on row 1,048,576 (exceljs would walk every row before it)", async () => {
    expect((await refusal(await farRowXlsx())).code).toBe("too_many_rows");
  });

  it("refuses a workbook that inflates past the limit, from its central directory", async () => {
    const limits = { ...READ_LIMITS, maxExpandedBytes: 4 * 1024 * 1024 };
    const bytes = await expandingXlsx(8 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect((await refusal(bytes, limits)).code).toBe("too_expanded");
    await expect(preflightSpreadsheet(await expandingXlsx(1024 * 1024), limits)).resolves.toBeUndefined();
  });

  it("stops inflating an entry whose central-directory size lies", async () => {
    const limits = { ...READ_LIMITS, maxExpandedBytes: 4 * 1024 * 1024 };
    const bytes = await expandingXlsx(8 * 1024 * 1024);
    // The sheet's local header (PK\x03\x04) and central-directory record (PK\x01\x02) now claim 1 kB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const understate = (at: number) => view.getUint32(at, true) > 1e6 && view.setUint32(at, 1024, true);
    for (let at = 0; at + 46 <= bytes.length; at++) {
      if (view.getUint32(at, true) === 0x04034b50) understate(at + 22);
      if (view.getUint32(at, true) === 0x02014b50) understate(at + 24);
    }
    expect((await refusal(bytes, limits)).code).toBe("too_expanded");
  });

  it("counts a CSV's records against the row and cell limits", async () => {
    const limits = { ...READ_LIMITS, maxRows: 1000 };
    await expect(preflightSpreadsheet(longCsv(999), limits)).resolves.toBeUndefined();
    expect((await refusal(longCsv(1000), limits)).code).toBe("too_many_rows");
    expect((await refusal(longCsv(900), { ...limits, maxCells: 2000 })).code).toBe("too_many_cells");
  });

  it("says a damaged zip is damaged", async () => {
    const bytes = (await mergedListXlsx("A1:C1")).slice(0, 600);
    await expect(preflightSpreadsheet(bytes)).rejects.toMatchObject({ name: "SpreadsheetReadError", code: "damaged" });
  });
});

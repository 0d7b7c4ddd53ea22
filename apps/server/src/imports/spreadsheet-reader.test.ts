import { READ_LIMITS, SpreadsheetLimitError, SpreadsheetReadError } from "@roster/spreadsheet";
import { describe, expect, it } from "vitest";
import { expandingXlsx, mergedListXlsx } from "../../../../packages/spreadsheet/test/hostile-files";
import { SpreadsheetReader } from "./spreadsheet-reader";

describe("SpreadsheetReader", () => {
  it("reads a list in a worker thread", async () => {
    const table = await new SpreadsheetReader().read(await mergedListXlsx("D2:E3"), "lop.xlsx");
    expect(table.rows[2]).toEqual(["2", "Trần Thị Bình", "02/07/2016", null, null]);
  });

  it("answers a worker that runs out of memory as a limit, and reads the next file", async () => {
    // Within the preflight's limits on purpose: only the heap cap stops this one.
    const reader = new SpreadsheetReader({ memoryMb: 24, limits: { ...READ_LIMITS, maxExpandedBytes: 1 << 30 } });
    const error = await reader.read(await expandingXlsx(96 * 1024 * 1024), "lop.xlsx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpreadsheetLimitError);
    expect(error).toMatchObject({ code: "out_of_memory" });
    await expect(reader.read(await mergedListXlsx("D2:E3"), "lop.xlsx")).resolves.toMatchObject({ format: "xlsx" });
  });

  it("rebuilds the worker's refusals as the spreadsheet package's errors", async () => {
    const reader = new SpreadsheetReader();
    await expect(reader.read(await mergedListXlsx("A1:XFD1048576"), "lop.xlsx")).rejects.toBeInstanceOf(SpreadsheetLimitError);
    await expect(reader.read(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "old.xls")).rejects.toBeInstanceOf(SpreadsheetReadError);
  });

  it("stops a read that takes too long", async () => {
    const reader = new SpreadsheetReader({ timeoutMs: 1 });
    await expect(reader.read(await mergedListXlsx("D2:E3"), "lop.xlsx")).rejects.toMatchObject({ code: "too_slow" });
  });
});

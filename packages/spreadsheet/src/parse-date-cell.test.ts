import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-value";
import { parseDateCell, type DateCellOptions } from "./parse-date-cell";

const child: DateCellOptions = { asOf: "2026-06-01", person: "child" };
const adult: DateCellOptions = { asOf: "2026-06-01", person: "adult" };

describe("parseDateCell", () => {
  it.each<[string, CellValue, string]>([
    ["dd/mm/yyyy", "04/03/2015", "2015-03-04"],
    ["d/m/yyyy", "4/3/2015", "2015-03-04"],
    ["dots", "04.03.2015", "2015-03-04"],
    ["dashes", "04-03-2015", "2015-03-04"],
    ["spaces around separators", "04 / 03 / 2015", "2015-03-04"],
    ["d/m/yy for a child", "4/3/15", "2015-03-04"],
    ["d-m-yy for a child", "14-6-17", "2017-06-14"],
    ["a time after the date", "04/03/2015 00:00:00", "2015-03-04"],
    ["ISO", "2015-03-04", "2015-03-04"],
    ["year first with slashes", "2015/3/4", "2015-03-04"],
    ["in words", "ngày 4 tháng 3 năm 2015", "2015-03-04"],
    ["eight digits day first", "04032015", "2015-03-04"],
    ["eight digits year first", "20150304", "2015-03-04"],
    ["eight digits year first that would be day 20", "20101210", "2010-12-10"],
    ["a number cell that lost the zero of 04032015", 4032015, "2015-03-04"],
    ["an Excel date (UTC midnight)", new Date(Date.UTC(2015, 2, 4)), "2015-03-04"],
    ["an Excel date with a time of day", new Date(Date.UTC(2015, 2, 4, 18, 30)), "2015-03-04"],
    ["an Excel serial number", 42067, "2015-03-04"],
    ["an Excel serial number as CSV text", "42067", "2015-03-04"],
    ["a serial with a time fraction", 42067.75, "2015-03-04"],
    ["29 February of a leap year", "29/02/2016", "2016-02-29"],
  ])("reads %s", (_, value, expected) => {
    const parsed = parseDateCell(value, child);
    expect(parsed.issue).toBeUndefined();
    expect(parsed.value).toBe(expected);
  });

  it.each<[string, CellValue, RegExp]>([
    ["31 February", "31/02/2017", /không có thật/],
    ["29 February of a common year", "29/02/2015", /không có thật/],
    ["month 13", "04/13/2015", /không có thật/],
    ["a bare year", "2015", /Chỉ có năm/],
    ["a bare year as a number", 2015, /Chỉ có năm/],
    ["month and year", "03/2015", /Thiếu ngày/],
    ["words", "không rõ", /Không đọc được/],
    ["Excel's phantom 29/02/1900", 60, /1900/],
    ["a serial far in the future", 99999, /không phải ngày hợp lý/],
    ["eight digits that are no date either way", "31023015", /không có thật/],
    ["a boolean", true, /Không đọc được/],
  ])("refuses %s with a reason", (_, value, reason) => {
    const parsed = parseDateCell(value, child);
    expect(parsed.value).toBeNull();
    expect(parsed.issue?.kind).toBe("problem");
    expect(parsed.issue?.message.vi).toMatch(reason);
  });

  it("gives nothing for an empty cell", () => {
    expect(parseDateCell(null, child)).toEqual({ value: null });
    expect(parseDateCell("  ", child)).toEqual({ value: null });
  });

  it("puts a two-digit year in the century that fits the person", () => {
    expect(parseDateCell("5/6/10", child).value).toBe("2010-06-05");
    expect(parseDateCell("5/6/85", adult).value).toBe("1985-06-05");
    expect(parseDateCell("5/6/05", adult).value).toBe("2005-06-05");
    // A child born in 1985 or an adult born in 2020 fits no century.
    expect(parseDateCell("5/6/85", child).issue?.message.vi).toMatch(/thế kỷ/);
    expect(parseDateCell("5/6/20", adult).issue?.message.vi).toMatch(/thế kỷ/);
  });

  it("reads month first when the column says so", () => {
    expect(parseDateCell("3/14/2015", { ...child, order: "mdy" }).value).toBe("2015-03-14");
    expect(parseDateCell("3/4/2015", { ...child, order: "mdy" }).value).toBe("2015-03-04");
    expect(parseDateCell("3/14/2015", child).issue?.kind).toBe("problem");
  });

  it("throws on an invalid asOf instead of using the clock", () => {
    expect(() => parseDateCell("4/3/15", { asOf: "soon", person: "child" })).toThrow(RangeError);
  });
});

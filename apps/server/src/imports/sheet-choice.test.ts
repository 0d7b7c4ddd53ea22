import { describe, expect, it } from "vitest";
import { BadRequestError } from "../errors";
import { sheetChoice } from "./sheet-choice";

describe("sheetChoice", () => {
  it("takes repeated sheet values, a JSON array and a comma list, once each", () => {
    expect(sheetChoice(["1A"], [])).toEqual(["1A"]);
    expect(sheetChoice(["1A", "1B"], ['["2A", "1A"]'])).toEqual(["1A", "1B", "2A"]);
    expect(sheetChoice([], ["1A, 1B ,", ""])).toEqual(["1A", "1B"]);
    expect(sheetChoice([], [])).toEqual([]);
  });

  it("refuses what is not a list of names, and too many or too long names", () => {
    expect(() => sheetChoice([], ["[1, 2]"])).toThrow(BadRequestError);
    expect(() => sheetChoice([], ["[oops"])).toThrow(BadRequestError);
    expect(() => sheetChoice(Array.from({ length: 101 }, (_, i) => `L${i}`), [])).toThrow(BadRequestError);
    expect(() => sheetChoice(["x".repeat(101)], [])).toThrow(BadRequestError);
  });
});

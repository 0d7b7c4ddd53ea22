import { describe, expect, it } from "vitest";
import { parseRepresentativeCell, parseResidenceCell } from "./parse-choice-cells";

describe("parseResidenceCell", () => {
  it.each([
    ["Thường trú", "permanent"], ["THƯỜNG TRÚ", "permanent"], ["thuong tru", "permanent"], ["TT", "permanent"],
    ["Tạm trú", "temporary"], ["tam tru", "temporary"],
    ["Chưa đăng ký", "none"], ["Không", "none"],
  ])("reads %j", (value, expected) => {
    expect(parseResidenceCell(value)).toEqual({ value: expected });
  });
  it("refuses an unknown word", () => {
    expect(parseResidenceCell("Vãng lai").issue?.kind).toBe("problem");
  });
});

describe("parseRepresentativeCell", () => {
  const names = { father: "Nguyễn Văn Hùng", mother: "Trần Thị Lan", guardian: "Nguyễn Thị Tám" };
  it.each([
    ["Cha", "father"], ["Bố", "father"], ["ba", "father"], ["Mẹ", "mother"], ["má", "mother"],
    ["Người giám hộ", "guardian"], ["Bà nội", "guardian"], ["bà", "guardian"],
    ["nguyen van hung", "father"], ["TRẦN THỊ LAN", "mother"], ["Nguyễn Thị Tám", "guardian"],
  ])("reads %j", (value, expected) => {
    expect(parseRepresentativeCell(value, names)).toEqual({ value: expected });
  });
  it("refuses a name that is nobody on the row", () => {
    expect(parseRepresentativeCell("Lê Văn Lợi", names).issue?.kind).toBe("problem");
  });
});

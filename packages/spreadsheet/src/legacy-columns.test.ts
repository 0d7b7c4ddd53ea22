import { describe, expect, it } from "vitest";
import { LEGACY_NAMES } from "@roster/synth";
import { toTcvn3, toVni } from "../test/legacy-text";
import { planLegacyColumns, repairLegacyCell } from "./legacy-columns";

const repairColumn = (cells: string[]) => {
  const [plan] = planLegacyColumns([cells]);
  return { plan: plan!, repaired: cells.map((cell) => repairLegacyCell(cell, plan)) };
};

describe("planLegacyColumns", () => {
  it("converts a TCVN3 column and a VNI column", () => {
    const names = ["Nguyễn Văn An", "Trần Thị Hương", "Lê Văn Tám"];
    for (const [encoding, encode] of [["tcvn3", toTcvn3], ["vni", toVni]] as const) {
      const { plan, repaired } = repairColumn(names.map(encode));
      expect(plan.encoding).toBe(encoding);
      expect(repaired).toEqual(names);
    }
  });

  it("converts the real mojibake strings of old school files", () => {
    const { repaired } = repairColumn(LEGACY_NAMES.map((n) => n.text));
    expect(repaired).toEqual(LEGACY_NAMES.map((n) => n.meant));
  });

  it("leaves Unicode names alone, also those made only of Latin-1 letters, beside a few legacy ones", () => {
    const cells = ["Ngô Minh Anh", "Hoàng Lê Nhi", "Lê Thị Hoa", "Nguyễn Văn Nam", "NguyÔn V¨n An", "Hoaøng Ngoïc AÙnh", "José Nguyễn"];
    const { repaired } = repairColumn(cells);
    expect(repaired).toEqual(["Ngô Minh Anh", "Hoàng Lê Nhi", "Lê Thị Hoa", "Nguyễn Văn Nam", "Nguyễn Văn An", "Hoàng Ngọc Ánh", "José Nguyễn"]);
  });

  it("converts a short cell no font can be told from, when most of its file is legacy", () => {
    const names = ["Nguyễn Văn An", "Trần Thị Hương", "Đặng Thu Trang", "Bùi Quốc Huy"].map(toTcvn3);
    const ethnicities = ["Kinh", toTcvn3("Tày"), "Kinh", toTcvn3("Nùng")];
    const [, ethnicity] = planLegacyColumns([names, ethnicities]);
    expect(ethnicities.map((cell) => repairLegacyCell(cell, ethnicity))).toEqual(["Kinh", "Tày", "Kinh", "Nùng"]);
  });

  it("decides per cell: a Unicode name of Latin-1 letters in a mostly TCVN3 column stays as it is", () => {
    const tcvn3 = ["Nguyễn Văn An", "Trần Thị Hương", "Đặng Thu Trang", "Bùi Quốc Huy", "Tày"].map(toTcvn3);
    const cells = [...tcvn3, "Lê", "Lê Hà", "Ngô Mỹ"];
    const { repaired } = repairColumn(cells);
    expect(repaired).toEqual(["Nguyễn Văn An", "Trần Thị Hương", "Đặng Thu Trang", "Bùi Quốc Huy", "Tày", "Lê", "Lê Hà", "Ngô Mỹ"]);
  });

  it("leaves numbers, dates and plain ASCII alone", () => {
    const [plan] = planLegacyColumns([[1215012345, new Date(0), "Kinh", null]]);
    expect(plan).toEqual({ encoding: null, repaired: new Map() });
  });
});

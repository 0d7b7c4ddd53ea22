import { describe, expect, it } from "vitest";
import { ETHNIC_GROUPS } from "./data/ethnic-groups";
import { checkEthnicity, ethnicCodeFromName, ethnicName, isOfficialEthnicCode } from "./ethnicity";

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
const OFFICIAL = Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, "0"));

describe("isOfficialEthnicCode", () => {
  it.each(OFFICIAL)("accepts %s", (code) => {
    expect(isOfficialEthnicCode(code)).toBe(true);
  });

  it.each(["", "00", "55", "99", "1", "001", " 01", "01 ", "5a", "Kinh", "١٢"])("rejects %j", (code) => {
    expect(isOfficialEthnicCode(code)).toBe(false);
  });
});

describe("ethnicName", () => {
  it.each([
    ["01", "Kinh"],
    ["05", "Khơ-me"],
    ["08", "HMông"],
    ["54", "Rơ-măm"],
    ["55", "Người nước ngoài"],
  ])("%s → %s", (code, name) => {
    expect(ethnicName(code)).toBe(name);
  });

  it.each(["1", "00", "56", "", "toString", "__proto__"])("has no name for %j", (code) => {
    expect(ethnicName(code)).toBeUndefined();
  });
});

describe("ethnicCodeFromName", () => {
  it.each([
    ["Kinh", "01"],
    ["kinh", "01"],
    ["Việt", "01"],
    ["  VIỆT ", "01"],
    ["Dân tộc Kinh", "01"],
    ["Tày", "02"],
    ["Tay", "02"],
    ["Hoa", "04"],
    ["Khmer", "05"],
    ["Khơ me", "05"],
    ["khơ-me", "05"],
    ["KHƠ ME", "05"],
    ["Khơ-me", "05"],
    ["Mường", "06"],
    ["H'Mông", "08"],
    ["H\u2019Mông", "08"],
    ["Mông", "08"],
    ["Mèo", "08"],
    ["HMÔNG", "08"],
    ["Ê Đê", "12"],
    ["Ê-đê", "12"],
    ["ede", "12"],
    ["Ba Na", "13"],
    ["K'Ho", "16"],
    ["Chăm", "17"],
    ["Chàm", "17"],
    ["Bru Vân Kiều", "23"],
    ["Giẻ Triêng", "27"],
    ["Ơ Đu", "53"],
    ["Rơ Măm", "54"],
    ["Nước ngoài", "55"],
    ["1", "01"],
    ["01", "01"],
    [" 8 ", "08"],
    ["54", "54"],
  ])("%j → %s", (name, code) => {
    expect(ethnicCodeFromName(name)).toBe(code);
  });

  it.each(["", "  ", "Kinhh", "Kinh Việt", "56", "0", "100", "Nhật", "toString", "__proto__", "-"])("%j → null", (name) => {
    expect(ethnicCodeFromName(name)).toBeNull();
  });

  it("finds every group by its name and by each of its variants", () => {
    for (const group of ETHNIC_GROUPS) {
      for (const name of [group.name, ...group.variants, group.name.toUpperCase(), group.name.normalize("NFD")]) {
        expect(ethnicCodeFromName(name), name).toBe(group.code);
      }
    }
  });
});

describe("checkEthnicity", () => {
  it.each<[string | null | undefined, string[]]>([
    ["01", []],
    ["54", []],
    ["", ["ethnicity.missing"]],
    ["  ", ["ethnicity.missing"]],
    [null, ["ethnicity.missing"]],
    [undefined, ["ethnicity.missing"]],
    ["55", ["ethnicity.unknown"]],
    ["1", ["ethnicity.unknown"]],
    ["00", ["ethnicity.unknown"]],
    ["Kinh", ["ethnicity.unknown"]],
    [" 01", ["ethnicity.unknown"]],
  ])("%j → %j", (code, expected) => {
    expect(codes(checkEthnicity(code))).toEqual(expected);
  });

  it("names the field and is an error", () => {
    expect(checkEthnicity("99", { field: "dt" })).toEqual([
      { code: "ethnicity.unknown", field: "dt", severity: "error", message: expect.anything() },
    ]);
    expect(checkEthnicity(null)[0]).toMatchObject({ field: "ethnicity", severity: "error" });
  });
});

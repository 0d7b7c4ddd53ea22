import { describe, expect, it } from "vitest";
import {
  PID_COUNTRIES,
  PID_PROVINCES,
  checkPid,
  describePid,
  findCountry,
  findProvince,
  isCountryCode,
  isProvinceCode,
  normalizePid,
} from "./pid";

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe("normalizePid", () => {
  it.each([
    ["001215012345", "001215012345"],
    ["  001215012345 ", "001215012345"],
    ["001 215 012 345", "001215012345"],
    ["001\u00a0215\u00a0012\u00a0345", "001215012345"],
    ["001.215.012.345", "001215012345"],
    ["001-215-012345", "001215012345"],
    ["001–215–012345", "001215012345"],
    ["\t001215012345\n", "001215012345"],
    ["00121501234A", "00121501234A"],
    ["001/215/012345", "001/215/012345"],
    ["", ""],
  ])("%j → %j", (raw, expected) => {
    expect(normalizePid(raw)).toBe(expected);
  });
});

describe("province and country codes", () => {
  it("holds the 63 provinces and 195 countries", () => {
    expect(PID_PROVINCES).toHaveLength(63);
    expect(PID_COUNTRIES).toHaveLength(195);
    expect(Object.isFrozen(PID_PROVINCES)).toBe(true);
  });

  it.each([
    ["001", true, false],
    ["079", true, false],
    ["096", true, false],
    ["036", true, false],
    ["000", false, false],
    ["003", false, false],
    ["099", false, false],
    ["100", false, false],
    ["101", false, true],
    ["232", false, true],
    ["295", false, true],
    ["296", false, false],
    ["1", false, false],
    ["__proto__", false, false],
    ["toString", false, false],
  ])("%s: province %s, country %s", (code, province, country) => {
    expect(isProvinceCode(code)).toBe(province);
    expect(isCountryCode(code)).toBe(country);
  });

  it("finds names and the 2025 merged province", () => {
    expect(findProvince("046")).toMatchObject({ name: "Thừa Thiên Huế", province2025Name: "Huế" });
    expect(findProvince("074")).toMatchObject({ name: "Bình Dương", province2025Code: "79" });
    expect(findCountry("232")).toMatchObject({ name: "Nhật Bản" });
    expect(findCountry("001")).toBeUndefined();
  });
});

type Person = { dob?: string | null; gender?: "male" | "female" | null };

describe("checkPid", () => {
  it.each<[string, string | null | undefined, Person, string[]]>([
    // Well-formed numbers that agree with the record.
    ["a Hà Nội boy born 2015", "001215012345", { dob: "2015-03-14", gender: "male" }, []],
    ["an HCMC girl born 2013", "079313004821", { dob: "2013-11-02", gender: "female" }, []],
    ["born 1999-12-31, male: digit 4 is 0", "079099123456", { dob: "1999-12-31", gender: "male" }, []],
    ["born 2000-01-01, female: digit 4 is 3", "001300123456", { dob: "2000-01-01", gender: "female" }, []],
    ["a father born 1985", "036085007712", { dob: "1985-06-20", gender: "male" }, []],
    ["a mother born 1990", "040190002233", { dob: "1990-09-09", gender: "female" }, []],
    ["a child born in Japan", "232216000123", { dob: "2016-05-01", gender: "male" }, []],
    ["a child born in Nigeria", "230317000456", { dob: "2017-01-20", gender: "female" }, []],
    ["typed with spaces", "001 215 012 345", { dob: "2015-03-14", gender: "male" }, []],
    ["typed with dots", "001.215.012.345", { dob: "2015-03-14", gender: "male" }, []],
    ["typed with hyphens", "001-215-012345", { dob: "2015-03-14", gender: "male" }, []],
    ["with non-breaking spaces from Excel", "001\u00a0215\u00a0012345", { dob: "2015-03-14" }, []],
    // Nothing to compare with: only the structure is checked.
    ["no dob nor gender", "001215012345", {}, []],
    ["an invalid dob is not compared", "001215012345", { dob: "2015-02-30", gender: "male" }, []],
    // Not a 12-digit number: one finding only.
    ["empty", "", { dob: "2015-03-14" }, ["pid.missing"]],
    ["whitespace", "   ", {}, ["pid.missing"]],
    ["null", null, {}, ["pid.missing"]],
    ["undefined", undefined, {}, ["pid.missing"]],
    ["a lone dash", "-", {}, ["pid.missing"]],
    ["a 9-digit CMND", "012345678", { dob: "2015-03-14", gender: "male" }, ["pid.legacy_cmnd"]],
    ["a spaced 9-digit CMND", "012 345 678", {}, ["pid.legacy_cmnd"]],
    ["a letter", "00121501234A", { dob: "2015-03-14", gender: "male" }, ["pid.format"]],
    ["11 digits (leading zero lost in Excel)", "01215012345", { dob: "2015-03-14" }, ["pid.format"]],
    ["13 digits", "0012150123456", { dob: "2015-03-14" }, ["pid.format"]],
    ["10 digits", "0012150123", {}, ["pid.format"]],
    ["slashes", "001/215/012345", {}, ["pid.format"]],
    ["full-width digits", "００１２１５０１２３４５", {}, ["pid.format"]],
    // Positional checks.
    ["province 000", "000215012345", { dob: "2015-03-14", gender: "male" }, ["pid.province"]],
    ["province 099", "099215012345", { dob: "2015-03-14", gender: "male" }, ["pid.province"]],
    ["code 100 (neither)", "100215012345", {}, ["pid.province"]],
    ["a child born 2015 with digit 4 = 0", "001015012345", { dob: "2015-03-14", gender: "male" }, ["pid.century_gender"]],
    ["a girl with an even digit 4", "036214012345", { dob: "2014-08-01", gender: "female" }, ["pid.century_gender"]],
    ["a boy with an odd digit 4", "036314012345", { dob: "2014-08-01", gender: "male" }, ["pid.century_gender"]],
    ["a gender mismatch without dob", "036314012345", { gender: "male" }, ["pid.century_gender"]],
    ["a century mismatch without gender", "036114012345", { dob: "2014-08-01" }, ["pid.century_gender"]],
    ["born 2000-01-01 with digit 4 = 1", "001100123456", { dob: "2000-01-01", gender: "female" }, ["pid.century_gender"]],
    ["born 1999-12-31 with digit 4 = 2", "079299123456", { dob: "1999-12-31", gender: "male" }, ["pid.century_gender"]],
    ["year digits of a sibling", "001215012345", { dob: "2016-03-14", gender: "male" }, ["pid.birth_year"]],
    ["year digits swapped", "001251012345", { dob: "2015-03-14", gender: "male" }, ["pid.birth_year"]],
    [
      "everything wrong at once",
      "099014012345",
      { dob: "2015-03-14", gender: "female" },
      ["pid.province", "pid.century_gender", "pid.birth_year"],
    ],
  ])("%s (%j)", (_label, pid, person, expected) => {
    expect(codes(checkPid(pid, person))).toEqual(expected);
  });

  it("builds complete findings on the pid field by default", () => {
    expect(checkPid("012345678")).toEqual([
      {
        code: "pid.legacy_cmnd",
        field: "pid",
        severity: "error",
        message: {
          vi: "Số CMND 9 số cũ, không phải số định danh cá nhân",
          en: "An old 9-digit ID-card number, not a personal ID number",
        },
      },
    ]);
  });

  it("reports a guardian's number with the guardian prefix, field and role", () => {
    const [f, ...rest] = checkPid(
      "001188012345",
      { dob: "1990-03-12", gender: "female" },
      { codePrefix: "guardian.", field: "mother.pid", who: "mother" },
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "guardian.pid.birth_year", field: "mother.pid", severity: "error" });
    expect(f!.message.vi).toContain("mẹ");
    expect(f!.message.en).toContain("mother");
  });

  it.each([
    ["", "guardian.pid.missing"],
    ["123456789", "guardian.pid.legacy_cmnd"],
    ["03608500771", "guardian.pid.format"],
    ["000085007712", "guardian.pid.province"],
    ["036185007712", "guardian.pid.century_gender"],
  ])("prefixes every code for a father (%j → %s)", (pid, code) => {
    const findings = checkPid(pid, { dob: "1985-06-20", gender: "male" }, { codePrefix: "guardian.", field: "father.pid", who: "father" });
    expect(findings.map((f) => [f.code, f.field])).toEqual([[code, "father.pid"]]);
    expect(findings[0]!.message.vi).toContain("cha");
  });
});

describe("describePid", () => {
  it("reads a province number", () => {
    expect(describePid("079 313 004821")).toEqual({
      province: { code: "079", name: "Hồ Chí Minh", province2025Code: "79", province2025Name: "Hồ Chí Minh" },
      centuryStart: 2000,
      gender: "female",
      yearDigits: "13",
    });
  });

  it("reads a birth abroad", () => {
    expect(describePid("232216000123")).toEqual({
      country: { code: "232", name: "Nhật Bản" },
      centuryStart: 2000,
      gender: "male",
      yearDigits: "16",
    });
  });

  it.each([
    ["0", 1900, "male"],
    ["1", 1900, "female"],
    ["2", 2000, "male"],
    ["3", 2000, "female"],
    ["4", 2100, "male"],
    ["5", 2100, "female"],
    ["6", 2200, "male"],
    ["7", 2200, "female"],
    ["8", 2300, "male"],
    ["9", 2300, "female"],
  ])("digit 4 = %s means %i, %s", (digit, centuryStart, gender) => {
    expect(describePid(`001${digit}15012345`)).toMatchObject({ centuryStart, gender });
  });

  it("leaves out an unknown place", () => {
    const d = describePid("099215012345");
    expect(d).not.toHaveProperty("province");
    expect(d).not.toHaveProperty("country");
    expect(d).toMatchObject({ centuryStart: 2000, gender: "male", yearDigits: "15" });
  });

  it.each(["", "012345678", "00121501234A", "0012150123456"])("is null for %j", (pid) => {
    expect(describePid(pid)).toBeNull();
  });
});

import type { Child, Guardian } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { AS_OF, aChild, aFather, aMother, guardiansOf } from "./evaluate.fixtures";
import { checkGuardians, linkedGuardian } from "./guardians";

const FATHER_ID = aFather().id;
const MOTHER_ID = aMother().id;
const GRANDMOTHER: Guardian = {
  id: "g-ba-noi",
  fullName: "Hoàng Thị Lý",
  dob: "1960-02-10",
  gender: "female",
  pid: "001160002222",
  vneid: "level2",
};

const check = (child: Partial<Child>, ...guardians: Guardian[]) =>
  checkGuardians(aChild(child), guardiansOf(...guardians), AS_OF).map((f) => [f.field, f.code]);

describe("checkGuardians: links and the representative", () => {
  it.each<[string, Partial<Child>, Guardian[], string[][]]>([
    ["the mother linked and representing", {}, [aMother()], []],
    ["both parents linked, the father representing (level 2)", { fatherId: FATHER_ID, representative: "father" },
      [aMother(), aFather({ vneid: "level2" })], []],
    ["a grandmother as legal guardian", { motherId: null, guardianId: GRANDMOTHER.id, representative: "guardian" },
      [GRANDMOTHER], []],
    ["nobody linked", { motherId: null }, [aMother()],
      [["guardianId", "guardian.missing"], ["representative", "guardian.representative"]]],
    ["nobody linked and no representative", { motherId: "", representative: null }, [],
      [["guardianId", "guardian.missing"], ["representative", "guardian.representative"]]],
    ["no representative chosen", { representative: null }, [aMother()], [["representative", "guardian.representative"]]],
    ["the father as representative but not linked", { representative: "father" }, [aMother()],
      [["representative", "guardian.representative"]]],
    ["a link to a guardian not in the roster", { motherId: "g-deleted" }, [aMother()],
      [["motherId", "guardian.link_broken"], ["representative", "guardian.representative"]]],
    ["a link to an id named like an Object property", { fatherId: "constructor" }, [aMother()],
      [["fatherId", "guardian.link_broken"]]],
  ])("%s", (_label, child, guardians, expected) => {
    expect(check(child, ...guardians)).toEqual(expected);
  });

  it("names the role in the words of a broken link", () => {
    const [broken] = checkGuardians(aChild({ fatherId: "g-gone" }), guardiansOf(aMother()), AS_OF);
    expect(broken?.message).toEqual({
      vi: "Liên kết tới cha không tìm thấy trong danh sách",
      en: "The linked father is not in the roster",
    });
  });
});

describe("checkGuardians: each linked guardian", () => {
  const withFather = { fatherId: FATHER_ID };
  it.each<[string, Partial<Child>, Guardian[], string[][]]>([
    ["a mother with no name", {}, [aMother({ fullName: null })], [["mother.fullName", "guardian.name.missing"]]],
    ["a father with a one-word name", withFather, [aMother(), aFather({ fullName: "Hùng" })],
      [["father.fullName", "guardian.name.invalid"]]],
    ["a mother's name in the capitals of her ID card", {}, [aMother({ fullName: "TRẦN THỊ MAI" })],
      [["mother.fullName", "guardian.name.format"]]],
    ["a mother's name in TCVN3 from an old Excel file", {}, [aMother({ fullName: "TrÇn ThÞ Mai" })],
      [["mother.fullName", "guardian.name.encoding"]]],
    ["a 17-year-old mother", {}, [aMother({ dob: "2008-09-01", pid: "001308004567" })],
      [["mother.dob", "guardian.underage"]]],
    ["a mother turning 18 on asOf", {}, [aMother({ dob: "2008-06-08", pid: "001308004567" })], []],
    ["a mother with an unreadable date of birth (no age to judge)", {}, [aMother({ dob: "1988-13-02" })], []],
    ["the representative without a pid", {}, [aMother({ pid: "" })], [["mother.pid", "guardian.pid.missing"]]],
    ["the representative with an old CMND", {}, [aMother({ pid: "013456789" })],
      [["mother.pid", "guardian.pid.legacy_cmnd"]]],
    ["a father (not representing) without a pid", withFather, [aMother(), aFather({ pid: null })], []],
    ["a father (not representing) with a short pid", withFather, [aMother(), aFather({ pid: "00108500123" })],
      [["father.pid", "guardian.pid.format"]]],
    ["a father born 1999 with digit 4 = 0", withFather,
      [aMother(), aFather({ dob: "1999-12-31", pid: "001099001234" })], []],
    ["a father born 2000 with digit 4 = 2", withFather,
      [aMother(), aFather({ dob: "2000-01-01", pid: "001200001234" })], []],
    ["a father born 2000 with a 1900s pid", withFather,
      [aMother(), aFather({ dob: "2000-01-01", pid: "001000001234" })], [["father.pid", "guardian.pid.century_gender"]]],
    ["a father born 1999 with a 2000s pid", withFather,
      [aMother(), aFather({ dob: "1999-12-31", pid: "001299001234" })], [["father.pid", "guardian.pid.century_gender"]]],
    ["a mother's pid of another year", {}, [aMother({ pid: "001189004567" })], [["mother.pid", "guardian.pid.birth_year"]]],
    ["a mother's pid with an unknown province", {}, [aMother({ pid: "000188004567" })],
      [["mother.pid", "guardian.pid.province"]]],
    ["a father with no gender but a woman's pid", withFather,
      [aMother(), aFather({ gender: null, pid: "001185001234" })], [["father.pid", "guardian.pid.century_gender"]]],
    ["the representative with level-1 VNeID", {}, [aMother({ vneid: "level1" })],
      [["mother.vneid", "guardian.no_level2"]]],
    ["the representative with no VNeID recorded", {}, [aMother({ vneid: null })], [["mother.vneid", "guardian.no_level2"]]],
    ["a father (not representing) with no VNeID", withFather, [aMother(), aFather({ vneid: "none" })], []],
  ])("%s", (_label, child, guardians, expected) => {
    expect(check(child, ...guardians)).toEqual(expected);
  });

  it("marks guardian findings as errors except the missing level-2 account", () => {
    const findings = checkGuardians(
      aChild(),
      guardiansOf(aMother({ dob: "2009-01-01", pid: "", vneid: "none" })),
      AS_OF,
    );
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ["guardian.underage", "error"],
      ["guardian.pid.missing", "error"],
      ["guardian.no_level2", "warning"],
    ]);
    expect(findings[0]?.message.vi).toBe("Mẹ chưa đủ 18 tuổi");
  });
});

describe("linkedGuardian", () => {
  const guardians = guardiansOf(aMother());
  it.each<[string | null | undefined, string]>([
    [undefined, "undefined"],
    [null, "undefined"],
    ["  ", "undefined"],
    ["g-gone", "null"],
    ["__proto__", "null"],
    [MOTHER_ID, "Trần Thị Mai"],
  ])("%j → %s", (id, expected) => {
    const g = linkedGuardian(id, guardians);
    expect(g === undefined ? "undefined" : g === null ? "null" : g.fullName).toBe(expected);
  });
});

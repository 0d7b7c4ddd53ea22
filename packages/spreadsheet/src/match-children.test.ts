import type { Child } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { ChildMatcher } from "./match-children";

const an: Child = { id: "c-an", fullName: "Nguyễn Văn An", dob: "2015-03-04", gender: "male", pid: "001215012345" };
const hoa: Child = { id: "c-hoa", fullName: "Lê Thị Hoa", dob: "2016-06-05", gender: "female", bhyt: "HS4010123456789" };
const never = () => false;

describe("ChildMatcher", () => {
  it("matches by ID number even when the name is spelt differently", () => {
    const match = new ChildMatcher([an, hoa]).match({ row: 2 }, { fullName: "Nguyễn Văn Ân", dob: "2015-03-04", pid: "001 215 012 345" }, never);
    expect(match).toEqual({ kind: "update", child: an });
  });

  it("matches by folded name and date of birth when there is no ID number", () => {
    const match = new ChildMatcher([an, hoa]).match({ row: 2 }, { fullName: "NGUYEN VAN AN", dob: "2015-03-04" }, never);
    expect(match).toEqual({ kind: "update", child: an });
  });

  it("matches by BHYT number with the name or date of birth", () => {
    expect(new ChildMatcher([hoa]).match({ row: 2 }, { fullName: "Lê Thị Hoa", bhyt: "0123456789" }, never)).toEqual({ kind: "update", child: hoa });
  });

  it("matches a stored TCVN3 name by its converted form", () => {
    const legacy: Child = { id: "c-legacy", fullName: "NguyÔn V¨n An", dob: "2015-03-04" };
    expect(new ChildMatcher([legacy]).match({ row: 2 }, { fullName: "Nguyễn Văn An", dob: "2015-03-04" }, never)).toEqual({ kind: "update", child: legacy });
  });

  it("adds a child whose 12-digit number differs from a namesake born the same day", () => {
    const match = new ChildMatcher([an]).match({ row: 2 }, { fullName: "Nguyễn Văn An", dob: "2015-03-04", pid: "001215099999" }, never);
    expect(match).toEqual({ kind: "add" });
  });

  it("matches a namesake born the same day whose number is one or two digits off, as a typo, unless the parents differ", () => {
    const typo = { fullName: "Nguyễn Văn An", dob: "2015-03-04", pid: "001215012354" };
    expect(new ChildMatcher([an]).match({ row: 2 }, typo, never)).toEqual({ kind: "update", child: an, pidTypo: true });
    expect(new ChildMatcher([an]).match({ row: 2 }, typo, never, () => false)).toEqual({ kind: "add" });
  });

  it("rejects a second new row of the same name and birthday whose number is a typing slip of the first", () => {
    const matcher = new ChildMatcher([]);
    expect(matcher.match({ row: 2 }, { fullName: "Lê Văn Tám", dob: "2016-01-02", pid: "001216000123" }, never)).toEqual({ kind: "add" });
    const second = matcher.match({ row: 9, sheet: "1B" }, { fullName: "Lê Văn Tám", dob: "2016-01-02", pid: "001216000132" }, never);
    expect(second.kind === "reject" && second.reason.vi).toBe("Trùng với dòng 2 trong tệp");
  });

  it("rejects a row whose ID number belongs to a child of another name and birthday", () => {
    const match = new ChildMatcher([an]).match({ row: 2 }, { fullName: "Trần Văn Bình", dob: "2014-01-01", pid: "001215012345" }, never);
    expect(match.kind).toBe("reject");
    if (match.kind === "reject") expect(match.reason.vi).toContain("Nguyễn Văn An");
  });

  it("rejects a second row for a child an earlier row already matched", () => {
    const matcher = new ChildMatcher([an]);
    matcher.match({ row: 2 }, { fullName: "Nguyễn Văn An", dob: "2015-03-04" }, never);
    const second = matcher.match({ row: 3 }, { fullName: "Nguyễn Văn An", dob: "2015-03-04" }, never);
    expect(second.kind === "reject" && second.reason.en).toBe("Same child as row 2 of the file");
  });

  it("rejects a second new row with the same number, or name and birthday, as an earlier one", () => {
    const matcher = new ChildMatcher([]);
    expect(matcher.match({ row: 2 }, { fullName: "Lê Văn Tám", dob: "2015-01-01", pid: "036215000001" }, never)).toEqual({ kind: "add" });
    expect(matcher.match({ row: 3 }, { fullName: "Lê Văn Tám", dob: "2015-01-01" }, never).kind).toBe("reject");
    expect(matcher.match({ row: 4 }, { fullName: "Lê Văn Tâm", dob: "2014-01-01", pid: "036215000001" }, never).kind).toBe("reject");
    // Twins: same birthday, other names.
    expect(matcher.match({ row: 5 }, { fullName: "Lê Thị Tâm", dob: "2015-01-01" }, never)).toEqual({ kind: "add" });
  });

  it("rejects a row that two existing children match equally, unless one is identical to it", () => {
    const twinA: Child = { id: "a", fullName: "Phạm Thu Hà", dob: "2016-02-02", grade: "4A" };
    const twinB: Child = { id: "b", fullName: "Phạm Thu Hà", dob: "2016-02-02", grade: "4B" };
    const ambiguous = new ChildMatcher([twinA, twinB]).match({ row: 2 }, { fullName: "Phạm Thu Hà", dob: "2016-02-02" }, never);
    expect(ambiguous.kind === "reject" && ambiguous.reason.en).toContain("Matches several existing children");
    const isB = (child: Child) => child.id === "b";
    expect(new ChildMatcher([twinA, twinB]).match({ row: 2 }, { fullName: "Phạm Thu Hà", dob: "2016-02-02", grade: "4B" }, isB)).toEqual({ kind: "update", child: twinB });
  });

  it("matches a child with neither birthday nor numbers only when the row would change nothing", () => {
    const bare: Child = { id: "bare", fullName: "Vũ Minh Khoa", school: "Trường Tiểu học Kim Đồng" };
    expect(new ChildMatcher([bare]).match({ row: 2 }, { fullName: "Vũ Minh Khoa", grade: "3A" }, never)).toEqual({ kind: "add" });
    expect(new ChildMatcher([bare]).match({ row: 2 }, { fullName: "Vũ Minh Khoa" }, () => true)).toEqual({ kind: "update", child: bare });
  });

  it("ignores removed children", () => {
    expect(new ChildMatcher([{ ...an, removed: true }]).match({ row: 2 }, { fullName: "Nguyễn Văn An", dob: "2015-03-04" }, never)).toEqual({ kind: "add" });
  });
});

import { describe, expect, it } from "vitest";
import { schoolsByLevel } from "./schools";

describe("schoolsByLevel", () => {
  it("reads the level from the school's name", () => {
    expect(
      schoolsByLevel([
        "Trường Tiểu học Kim Đồng",
        "Trường THCS Nguyễn Du",
        "Trường TH&THCS Tân Hòa",
        "TRƯỜNG TRUNG HỌC CƠ SỞ CHU VĂN AN",
        "Trường PTDTBT Tiểu học Tả Van",
      ]),
    ).toEqual({
      primary: ["Trường Tiểu học Kim Đồng", "Trường TH&THCS Tân Hòa", "Trường PTDTBT Tiểu học Tả Van"],
      secondary: ["Trường THCS Nguyễn Du", "Trường TH&THCS Tân Hòa", "TRƯỜNG TRUNG HỌC CƠ SỞ CHU VĂN AN"],
    });
  });

  it("lets every school serve a level nobody names, and unnamed-level schools serve both", () => {
    expect(schoolsByLevel(["Trường Tiểu học Kim Đồng"])).toEqual({
      primary: ["Trường Tiểu học Kim Đồng"],
      secondary: ["Trường Tiểu học Kim Đồng"],
    });
    expect(schoolsByLevel(["Trường Hy Vọng"])).toEqual({ primary: ["Trường Hy Vọng"], secondary: ["Trường Hy Vọng"] });
  });

  it("refuses an empty list", () => {
    expect(() => schoolsByLevel([])).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import {
  checkName,
  compareVietnameseNames,
  familyName,
  foldName,
  givenName,
  isNormalizedName,
  nameSortKey,
  normalizeName,
} from "./names";

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
const NFD = (s: string) => s.normalize("NFD");

describe("normalizeName", () => {
  it.each([
    ["nguyễn THỊ  ánh", "Nguyễn Thị Ánh"],
    ["đỗ văn hùng", "Đỗ Văn Hùng"],
    ["ĐẶNG THÙY TRANG", "Đặng Thùy Trang"],
    ["  Lò\tPả ", "Lò Pả"],
    ["Lê\u00a0Văn\u00a0Tám", "Lê Văn Tám"],
    ["Nguyễn\r\nVăn   An", "Nguyễn Văn An"],
    ["Trần\u200b Văn\ufeff Bình", "Trần Văn Bình"],
    ["h'hen niê", "H'Hen Niê"],
    ["ksor h'bia", "Ksor H'Bia"],
    ["nay h\u2019lan", "Nay H\u2019Lan"],
    ["y moan", "Y Moan"],
    ["nguyễn-trần minh khôi", "Nguyễn-Trần Minh Khôi"],
    ["Nguye\u0302\u0303n Va\u0306n An", "Nguyễn Văn An"],
    ["ươNG THỊ ỮA", "Ương Thị Ữa"],
    ["", ""],
    ["   ", ""],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeName(raw)).toBe(expected);
  });

  it.each([
    "Lê Thị Hoà",
    "Lê Thị Hòa",
    "Phạm Thị Thuỷ",
    "Phạm Thị Thủy",
    "Vũ Văn Khoẻ",
    "Vũ Văn Khỏe",
  ])("keeps the tone mark where it was typed: %s", (name) => {
    expect(normalizeName(name)).toBe(name);
    expect(normalizeName(name.toUpperCase())).toBe(name);
  });

  it("outputs NFC for NFD input", () => {
    const out = normalizeName(NFD("đặng thị ánh tuyết"));
    expect(out).toBe("Đặng Thị Ánh Tuyết");
    expect(out.normalize("NFC")).toBe(out);
  });
});

describe("isNormalizedName", () => {
  it.each([
    ["Nguyễn Văn An", true],
    ["H'Hen Niê", true],
    ["NGUYỄN VĂN AN", false],
    ["Nguyễn  Văn An", false],
    [" Nguyễn Văn An", false],
    [NFD("Nguyễn Văn An"), false],
  ])("%j → %s", (name, expected) => {
    expect(isNormalizedName(name)).toBe(expected);
  });
});

describe("foldName", () => {
  it.each([
    ["Nguyễn Thị Ánh", "nguyen thi anh"],
    ["ĐẶNG  VĂN\tĐẠT", "dang van dat"],
    ["Trương Ưng Ơn", "truong ung on"],
    ["H'Hen Niê", "h'hen nie"],
    ["H\u2019Hen Niê", "h'hen nie"],
    ["Nguyễn-Trần Minh", "nguyen-tran minh"],
    ["Nguyễn Văn An2", "nguyen van an2"],
    ["Lê @ Hoa", "le hoa"],
    ["Nguyễn T. Hoa", "nguyen t hoa"],
    [" Ðoàn Văn Hậu ", "doan van hau"],
    ["", ""],
  ])("%j → %j", (name, expected) => {
    expect(foldName(name)).toBe(expected);
  });

  it.each([
    ["Lê Thị Hòa", "Lê Thị Hoà"],
    ["Phạm Thị Thủy", "Phạm Thị Thuỷ"],
    ["Vũ Đăng Khoa", "Vũ Đăng Khỏa"],
    ["Nguyễn Văn An", NFD("NGUYỄN  VĂN AN")],
    ["Lê Thị Hoà", "Le\u0302 Thi\u0323 Hoa\u0300"],
  ])("%j and %j fold alike", (a, b) => {
    expect(foldName(a)).toBe(foldName(b));
  });

  it("keeps different letters apart", () => {
    expect(foldName("Lê Văn Anh")).not.toBe(foldName("Lê Văn An"));
  });
});

describe("checkName", () => {
  it.each<[string | null | undefined, string[]]>([
    ["Nguyễn Văn An", []],
    ["Lò Pả", []],
    ["H'Hen Niê", []],
    ["Ksor H'Bia", []],
    ["Y Moan", []],
    ["Nay H\u2019Lan", []],
    ["Đặng Thùy Trang", []],
    ["Lê Thị Hoà", []],
    ["Nguyễn-Trần Minh Khôi", []],
    ["NGUYỄN VĂN AN", ["name.format"]],
    ["nguyễn văn an", ["name.format"]],
    ["Nguyễn  Văn An", ["name.format"]],
    ["Nguyễn\tVăn An", ["name.format"]],
    [" Nguyễn Văn An", ["name.format"]],
    ["Nguye\u0302\u0303n Văn An", ["name.format"]],
    ["Nguyễn Văn An2", ["name.invalid"]],
    ["nguyễn văn an2", ["name.invalid", "name.format"]],
    ["Lê @ Hoa", ["name.invalid"]],
    ["Nguyễn T. Hoa", ["name.invalid"]],
    ["Trần Văn (Bình)", ["name.invalid"]],
    ["An", ["name.invalid"]],
    ["Nguyễn ' An", ["name.invalid"]],
    // Icelandic eth and Cyrillic А look like Đ and A but will never match the population database.
    ["Ðoàn Văn Hậu", ["name.invalid"]],
    ["Nguyễn Văn \u0410n", ["name.invalid"]],
    ["NguyÔn V¨n An", ["name.encoding"]],
    ["Nguyeãn Vaên An", ["name.encoding"]],
    ["TRÇN THÞ THU H»NG", ["name.encoding"]],
    ["", ["name.missing"]],
    ["   ", ["name.missing"]],
    [null, ["name.missing"]],
    [undefined, ["name.missing"]],
  ])("%j → %j", (name, expected) => {
    expect(codes(checkName(name))).toEqual(expected);
  });

  it("gives errors, and a warning for the form, on fullName by default", () => {
    const [invalid, format] = checkName("nguyễn văn an2");
    expect(invalid).toMatchObject({ code: "name.invalid", field: "fullName", severity: "error" });
    expect(format).toMatchObject({ code: "name.format", field: "fullName", severity: "warning" });
    expect(checkName("NguyÔn V¨n An")[0]?.severity).toBe("error");
  });

  it("uses guardian codes, the field and the role's words for a guardian", () => {
    const options = { codePrefix: "guardian.", field: "father.fullName", who: "father" } as const;
    expect(checkName("", options)).toEqual([
      { code: "guardian.name.missing", field: "father.fullName", severity: "error", message: expect.anything() },
    ]);
    expect(checkName("", options)[0]?.message.vi).toContain("cha");
    expect(codes(checkName("Trần", options))).toEqual(["guardian.name.invalid"]);
    expect(codes(checkName("TRẦN VĂN BA", options))).toEqual(["guardian.name.format"]);
    expect(codes(checkName("TrÇn V¨n Ba", options))).toEqual(["guardian.name.encoding"]);
  });
});

describe("givenName / familyName", () => {
  it.each([
    ["Nguyễn Văn An", "Nguyễn", "An"],
    ["Lò Pả", "Lò", "Pả"],
    ["  Ksor  H'Bia ", "Ksor", "H'Bia"],
    ["Tôn Nữ Thị Hoàng Lan", "Tôn", "Lan"],
    ["An", "An", "An"],
    ["", "", ""],
  ])("%j → family %j, given %j", (name, family, given) => {
    expect(familyName(name)).toBe(family);
    expect(givenName(name)).toBe(given);
  });
});

describe("compareVietnameseNames", () => {
  const sorted = (names: string[]) => [...names].sort(compareVietnameseNames);

  it("sorts a class list by given name, then family name, then middle names", () => {
    const classList = [
      "Lò Pả", "Trần Văn Bình", "Nguyễn Văn Đạt", "Nguyễn Thị An", "Đỗ Thị Ánh", "Vũ Minh Ân",
      "Phạm Anh", "Hoàng Dũng", "H'Hen Niê", "Lê Văn An", "Nguyễn An", "Nguyễn Văn An",
    ];
    expect(sorted(classList)).toEqual([
      "Lê Văn An", "Nguyễn An", "Nguyễn Thị An", "Nguyễn Văn An", "Phạm Anh", "Đỗ Thị Ánh",
      "Vũ Minh Ân", "Trần Văn Bình", "Hoàng Dũng", "Nguyễn Văn Đạt", "H'Hen Niê", "Lò Pả",
    ]);
  });

  it("follows the Vietnamese alphabet, not code points", () => {
    const letters = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split(" ");
    const names = letters.map((letter) => `Lê ${letter.toUpperCase()}n`);
    expect(sorted([...names].reverse())).toEqual(names);
  });

  it("orders tones none, huyền, hỏi, ngã, sắc, nặng, after the letters", () => {
    expect(sorted(["Lê Mạ", "Lê Má", "Lê Mai", "Lê Mã", "Lê Mả", "Lê Mà", "Lê Ma"])).toEqual([
      "Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ", "Lê Mai",
    ]);
  });

  it("keeps old and new tone placement of one name together", () => {
    const order = sorted(["Lê Thị Hoá", "Lê Thị Hòa", "Lê Thị Hoa", "Lê Thị Hoà", "Lê Thị Hóa"]);
    expect(order.slice(0, 1)).toEqual(["Lê Thị Hoa"]);
    expect(new Set(order.slice(1, 3))).toEqual(new Set(["Lê Thị Hòa", "Lê Thị Hoà"]));
    expect(new Set(order.slice(3))).toEqual(new Set(["Lê Thị Hoá", "Lê Thị Hóa"]));
  });

  it("ignores case, spacing and NFD, but stays a total order", () => {
    expect(nameSortKey("NGUYỄN  VĂN AN")).toBe(nameSortKey("Nguyễn Văn An"));
    expect(nameSortKey(NFD("Nguyễn Văn An"))).toBe(nameSortKey("Nguyễn Văn An"));
    expect(compareVietnameseNames("Nguyễn Văn An", "Nguyễn Văn An")).toBe(0);
    expect(compareVietnameseNames("NGUYỄN VĂN AN", "Nguyễn Văn An")).not.toBe(0);
  });

  // Intl.Collator("vi") (ICU, as in Node and Chromium) weighs tones per letter, so only
  // one-word names with a single vowel position are comparable; on those it must agree.
  it("agrees with Intl.Collator('vi') on single given names", () => {
    const given = (
      "An Ân Anh Ánh Ăn Bình Bích Cúc Dũng Dung Duy Đạt Đức Giang Hà Hải Hạnh Hiền Hùng Huy Hương " +
      "Khánh Lan Linh Long Mai Minh My Mỹ Mỵ Nam Nga Ngân Ngọc Nhi Oanh Phúc Phương Quân Quế Sơn " +
      "Tâm Thảo Trang Trung Tú Tuấn Uyên Vân Việt Vy Xuân Yến Ma Mà Mả Mã Má Mạ"
    ).split(" ");
    const collator = new Intl.Collator("vi");
    expect([...given].sort(compareVietnameseNames)).toEqual([...given].sort(collator.compare));
  });
});

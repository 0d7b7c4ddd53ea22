import { describe, expect, it } from "vitest";
import {
  detectLegacyEncoding,
  detectLegacyEncodingIn,
  repairLegacyText,
  tcvn3ToUnicode,
  vniToUnicode,
} from "./legacy-encoding";
import { TCVN3_TO_UNICODE, VNI_LETTERS, VNI_MARKS } from "./legacy-encoding-tables";
import { normalizeName } from "./names";

const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const VOWELS = [..."aăâeêioôơuưy"];
const LOWER_LETTERS = [...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize("NFC"))), "đ"];
const UPPER_LETTERS = LOWER_LETTERS.map((l) => l.toUpperCase());

// Canonical order of combining marks, so "ậ" (a, dot below, circumflex in NFD) and the
// table's circumflex-then-dot compare equal.
const markKey = (marks: string) => ("x" + marks).normalize("NFD").slice(1);

// Encoders built from the inverse of the tables, as the old fonts would have stored text.
const TCVN3_FROM_UNICODE = new Map(Object.entries(TCVN3_TO_UNICODE).map(([byte, letter]) => [letter, byte]));
function toTcvn3(s: string): string {
  let out = "";
  // VN3 has no capitals with tone marks: they were typed as the small letter's byte.
  for (const ch of s.normalize("NFC")) out += TCVN3_FROM_UNICODE.get(ch) ?? TCVN3_FROM_UNICODE.get(ch.toLowerCase()) ?? ch;
  return out;
}

const VNI_LETTER_FROM_UNICODE = new Map(Object.entries(VNI_LETTERS).map(([byte, letter]) => [letter, byte]));
const VNI_MARK_FROM_MARKS = new Map(
  Object.entries(VNI_MARKS).map(([byte, mark]) => [markKey(mark.marks) + (byte === byte.toUpperCase() ? "A" : "a"), byte]),
);
function toVni(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFC")) {
    const whole = VNI_LETTER_FROM_UNICODE.get(ch);
    if (whole !== undefined) {
      out += whole;
      continue;
    }
    const [base = "", ...marks] = ch.normalize("NFD");
    const horn = marks[0] === "\u031B";
    const rest = markKey((horn ? marks.slice(1) : marks).join(""));
    out += horn ? VNI_LETTER_FROM_UNICODE.get((base + "\u031B").normalize("NFC")) : base;
    if (rest === "") continue;
    const mark = VNI_MARK_FROM_MARKS.get(rest + (base === base.toUpperCase() ? "A" : "a"));
    if (mark === undefined) throw new Error(`no VNI mark for ${ch}`);
    out += mark;
  }
  return out;
}

describe("TCVN3 table", () => {
  // Bytes 0xA1–0xFE as glibc's TCVN5712-1 converter decodes them, "_" where VN3 (the ABC
  // fonts) has no letter: combining marks, and the capitals with tone marks of level VN1.
  const GLIBC_VN3 =
    "ĂÂÊÔƠƯĐăâêôơưđ______àảãáạ_ằẳẵắ_______ặầẩẫấậè_ẻẽéẹềểễếệìỉ___ĩíịò_ỏõóọồổỗốộờởỡớợù_ủũúụừửữứựỳỷỹýỵ";

  it("matches TCVN 5712:1993 byte by byte", () => {
    [...GLIBC_VN3].forEach((expected, i) => {
      const byte = String.fromCharCode(0xa1 + i);
      expect(TCVN3_TO_UNICODE[byte], `byte 0x${(0xa1 + i).toString(16)}`).toBe(expected === "_" ? undefined : expected);
    });
    expect(Object.keys(TCVN3_TO_UNICODE)).toHaveLength(74);
  });

  it.each(LOWER_LETTERS)("round-trips %s", (letter) => {
    expect(TCVN3_FROM_UNICODE.has(letter) || /^[aeiouy]$/.test(letter)).toBe(true);
    expect(tcvn3ToUnicode(toTcvn3(letter))).toBe(letter);
  });

  it.each(UPPER_LETTERS)("round-trips %s in an upper-case word", (letter) => {
    expect(tcvn3ToUnicode(toTcvn3(`TR${letter}NG`))).toBe(`TR${letter}NG`);
  });

  it.each(["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"])("keeps the VN3 capital %s in a title-case word", (letter) => {
    expect(tcvn3ToUnicode(toTcvn3(`${letter}nh`))).toBe(`${letter}nh`);
  });
});

describe("VNI table", () => {
  // The VNI-Windows layout as published converters list it, typed out independently of
  // the table: it catches two mark bytes swapped, which the round trip cannot.
  const VNI_ROW =
    "aø aù aû aõ aï aê aè aé aú aü aë aâ aà aá aå aã aä eø eù eû eõ eï eâ eà eá eå eã eä ì í æ ó ò " +
    "oø où oû oõ oï oâ oà oá oå oã oä ô ôø ôù ôû ôõ ôï uø uù uû uõ uï ö öø öù öû öõ öï yø yù yû yõ î ñ";
  const UNICODE_ROW =
    "à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ê ề ế ể ễ ệ ì í ỉ ĩ ị " +
    "ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ đ";

  it("matches the VNI-Windows layout, small and capital", () => {
    expect(vniToUnicode(VNI_ROW)).toBe(UNICODE_ROW);
    expect(vniToUnicode(VNI_ROW.toUpperCase())).toBe(UNICODE_ROW.toUpperCase());
  });

  it.each([...LOWER_LETTERS, ...UPPER_LETTERS])("round-trips %s", (letter) => {
    expect(vniToUnicode(toVni(letter))).toBe(letter);
    expect(vniToUnicode(toVni(`Th${letter}ng`))).toBe(`Th${letter}ng`);
  });

  it.each([
    ["Nguyeãn Vaên An", "Nguyễn Văn An"],
    ["Traàn Thò Thu Haèng", "Trần Thị Thu Hằng"],
    ["Ñoã Thò Thuûy", "Đỗ Thị Thủy"],
    ["Tröông Coâng Cöôøng", "Trương Công Cường"],
    ["Vieät Nam", "Việt Nam"],
    ["NGUYEÃN THÒ YÙ", "NGUYỄN THỊ Ý"],
    ["Quaùch Ngoïc Hieån", "Quách Ngọc Hiển"],
  ])("decodes %j as %j", (vni, unicode) => {
    expect(vniToUnicode(vni)).toBe(unicode);
  });

  it("keeps a mark byte that no vowel before it can take", () => {
    expect(vniToUnicode("José Müller")).toBe("José Müller");
  });
});

describe("tcvn3ToUnicode", () => {
  it.each([
    ["NguyÔn V¨n An", "Nguyễn Văn An"],
    ["TrÇn ThÞ Thu H»ng", "Trần Thị Thu Hằng"],
    ["§Æng Quèc B¶o", "Đặng Quốc Bảo"],
    ["Tr\u00adêng C«ng C\u00adêng", "Trường Công Cường"],
    ["NGUYÔN V¡N AN", "NGUYỄN VĂN AN"],
    ["H'Hen Niª", "H'Hen Niê"],
    ["Sè 5, th«n §«ng", "Số 5, thôn Đông"],
  ])("decodes %j as %j", (tcvn3, unicode) => {
    expect(tcvn3ToUnicode(tcvn3)).toBe(unicode);
  });

  it("gives small tone letters at the start of a title-case word (names are normalised after)", () => {
    expect(tcvn3ToUnicode("Bïi ThÞ ¸nh")).toBe("Bùi Thị ánh");
    expect(normalizeName(tcvn3ToUnicode("Bïi ThÞ ¸nh"))).toBe("Bùi Thị Ánh");
  });
});

// Realistic names of every region, with every tone and every vowel quality.
const NAMES = [
  "Nguyễn Văn An", "Trần Thị Thu Hằng", "Lê Hoàng Nam", "Phạm Minh Tuấn", "Hoàng Thị Mỹ Duyên",
  "Huỳnh Ngọc Hân", "Phan Thanh Bình", "Vũ Đức Thắng", "Võ Thị Kim Oanh", "Đặng Quốc Bảo",
  "Bùi Thị Ngọc Ánh", "Đỗ Trọng Nghĩa", "Hồ Thị Thuỷ", "Ngô Gia Huy", "Dương Văn Khải",
  "Lý Thị Hương", "Đinh Công Trứ", "Trương Mỹ Lệ", "Lò Văn Pả", "Hà Thị Xuân", "Mai Thị Quyên",
  "Lục Văn Sửu", "Nông Thị Ưng", "Quách Thị Yến", "H'Hen Niê", "Tạ Quang Bửu", "Khổng Minh Triết",
  "Nguyễn Thị Hoà", "Cao Thị Huệ", "Lường Thị Ơn", "Triệu Thị Dịu", "Vi Văn Ngoãn",
];

describe("detectLegacyEncoding and repairLegacyText", () => {
  it.each(NAMES)("finds and repairs %s in TCVN3 and VNI, title and upper case", (name) => {
    for (const text of [name, name.toUpperCase()]) {
      const tcvn3 = toTcvn3(text);
      expect(detectLegacyEncoding(tcvn3), tcvn3).toBe("tcvn3");
      expect(normalizeName(repairLegacyText(tcvn3).text)).toBe(name);
      const vni = toVni(text);
      // "Phan Thanh Bình" is the same in VNI and in Unicode: there is nothing to repair.
      expect(detectLegacyEncoding(vni), vni).toBe(vni === text ? null : "vni");
      expect(repairLegacyText(vni)).toEqual({ text, encoding: vni === text ? null : "vni" });
    }
  });

  it.each(NAMES)("leaves the Unicode name %s alone", (name) => {
    for (const text of [name, name.toUpperCase(), name.normalize("NFD")]) {
      expect(detectLegacyEncoding(text)).toBeNull();
      expect(repairLegacyText(text)).toEqual({ text, encoding: null });
    }
  });

  it.each([
    "Nguyễn Văn Ân", "Hoàng Lê Nhi", "Tô Hoài An", "HOÀNG LÊ NHI", "Ksor H'Bia", "Y Moan", "Nguyen Van An",
    "José", "Zoë", "Noël", "Ana María", "Björn Ødegård", "François Müller", "Hélène Côté", "Chloé Renée",
    "Ðoàn Văn Hậu", "Số 12, thôn Đông", "", "   ", "12/05/2015",
  ])("does not fire on %j", (text) => {
    expect(detectLegacyEncoding(text)).toBeNull();
  });

  // "Thò" and "Dòng" are Unicode words too, but VNI "Thị" and TCVN3 "Dũng" are names.
  it.each([
    ["Phan Thò Lan", "vni", "Phan Thị Lan"],
    ["Mai Thò Anh", "vni", "Mai Thị Anh"],
    ["Phan Höng", "vni", "Phan Hưng"],
    ["Phan Dòng", "tcvn3", "Phan Dũng"],
    ["Phan LÖ", "tcvn3", "Phan Lệ"],
  ])("reads %j, where both readings are Vietnamese, as the common name", (text, encoding, repaired) => {
    expect(repairLegacyText(text)).toEqual({ text: repaired, encoding });
  });

  // VNI "Hoàng" is "Hồng", "Ôn" is "Ơn": both are also correct Unicode names.
  it("leaves text that reads as well in Unicode", () => {
    expect(detectLegacyEncoding("Hoàng")).toBeNull();
    expect(detectLegacyEncoding("Phan Ôn")).toBeNull();
    expect(detectLegacyEncoding("Leâ Hoàng")).toBe("vni");
  });
});

describe("detectLegacyEncodingIn", () => {
  it("judges a column of names as a whole", () => {
    expect(detectLegacyEncoding("Phan Ôn")).toBeNull();
    expect(detectLegacyEncodingIn(["Phan Ôn", "Leâ Vaên Hoøa", "Phan Anh"])).toBe("vni");
    expect(detectLegacyEncodingIn(["Phan Ôn", "Lª V¨n Hoµ", "Phan Anh"])).toBe("tcvn3");
  });

  it("is null for a column of Unicode or ASCII names, or no names", () => {
    expect(detectLegacyEncodingIn(NAMES)).toBeNull();
    expect(detectLegacyEncodingIn(["Phan Anh", "Mai Lan", "Tô Hoài An"])).toBeNull();
    expect(detectLegacyEncodingIn([])).toBeNull();
  });

  it("is not swayed by Unicode cells in a legacy column", () => {
    const unicodeOnly = NAMES.filter((name) => [...name].some((ch) => ch.charCodeAt(0) > 0xff));
    expect(detectLegacyEncodingIn([...unicodeOnly, "NguyÔn V¨n An"])).toBe("tcvn3");
  });
});

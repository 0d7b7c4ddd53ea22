import { describe, expect, it } from "vitest";
import { isVietnameseSyllable } from "./vietnamese-syllable";

describe("isVietnameseSyllable", () => {
  it.each([
    "a", "Ánh", "Nguyễn", "NGUYỄN", "Văn", "Thị", "Hoà", "Hòa", "Thuỷ", "Thủy", "Khoẻ", "Khỏe", "giếng", "gìn",
    "giữa", "quốc", "Quyên", "Khuya", "Huỳnh", "Trường", "Cường", "Yến", "Việt", "Đức", "Bạch", "Oanh", "Khoai",
    "Tuấn", "Huế", "thuở", "Ưng", "Ơn", "Niê", "Mlô", "Kpă",
  ])("accepts %s", (word) => {
    expect(isVietnameseSyllable(word)).toBe(true);
  });

  it.each([
    ["Nguyeãn", "two vowel groups"],
    ["NguyÔn", "a capital after a small letter"],
    ["V¨n", "a symbol"],
    ["Ksor", "an unknown onset"],
    ["Noõng", "the nucleus oo"],
    ["ệng", "ng after ê"],
    ["Leõ", "the tone on the wrong vowel of eo"],
    ["Hoàà", "two tone marks"],
    ["Vàt", "huyền before a stop"],
    ["Tât", "no tone before a stop"],
    ["José", "an onset j"],
    ["Zoë", "a diaeresis"],
  ])("rejects %s (%s)", (word) => {
    expect(isVietnameseSyllable(word)).toBe(false);
  });
});

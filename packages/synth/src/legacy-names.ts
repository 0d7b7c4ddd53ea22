import type { Gender } from "@roster/schema";

/** A name as an old school Excel file shows it when its TCVN3 or VNI bytes are read as
 * Latin-1 (mojibake), with the Unicode name it was meant to be. */
export interface LegacyName {
  readonly text: string;
  readonly meant: string;
  readonly encoding: "tcvn3" | "vni";
  readonly gender: Gender;
}

// Hard-coded on purpose: the generator plants real mojibake, it does not encode. In
// TCVN3 "ư" is the soft hyphen U+00AD, written as an escape so that it stays visible.
/** Real mojibake strings, as they arrive in legacy school files. */
export const LEGACY_NAMES: readonly LegacyName[] = [
  { text: "NguyÔn V¨n An", meant: "Nguyễn Văn An", encoding: "tcvn3", gender: "male" },
  { text: "TrÇn ThÞ H\u00AD¬ng", meant: "Trần Thị Hương", encoding: "tcvn3", gender: "female" },
  { text: "Lª ThÞ Hoa", meant: "Lê Thị Hoa", encoding: "tcvn3", gender: "female" },
  { text: "Ph¹m Minh §øc", meant: "Phạm Minh Đức", encoding: "tcvn3", gender: "male" },
  { text: "Bïi Quèc Huy", meant: "Bùi Quốc Huy", encoding: "tcvn3", gender: "male" },
  { text: "Vâ ThÞ Mü Duyªn", meant: "Võ Thị Mỹ Duyên", encoding: "tcvn3", gender: "female" },
  { text: "§Æng Thu Trang", meant: "Đặng Thu Trang", encoding: "tcvn3", gender: "female" },
  { text: "Nguyeãn Vaên An", meant: "Nguyễn Văn An", encoding: "vni", gender: "male" },
  { text: "Traàn Thò Höông", meant: "Trần Thị Hương", encoding: "vni", gender: "female" },
  { text: "Leâ Vaên Taùm", meant: "Lê Văn Tám", encoding: "vni", gender: "male" },
  { text: "Phaïm Thò Thu Haø", meant: "Phạm Thị Thu Hà", encoding: "vni", gender: "female" },
  { text: "Ñoã Minh Ñöùc", meant: "Đỗ Minh Đức", encoding: "vni", gender: "male" },
  { text: "Hoaøng Ngoïc AÙnh", meant: "Hoàng Ngọc Ánh", encoding: "vni", gender: "female" },
  { text: "Huyønh Thò Ngoïc Haân", meant: "Huỳnh Thị Ngọc Hân", encoding: "vni", gender: "female" },
];

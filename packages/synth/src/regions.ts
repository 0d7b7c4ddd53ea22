import type { NameRegion } from "./kinh-names";
import { words } from "./naming";

/** The kinds of commune the generator imitates; each has its own villages, people and schools. */
export type Region = "north" | "central" | "south" | "mountain" | "highlands" | "urban";
export const REGIONS: readonly Region[] = ["north", "central", "south", "mountain", "highlands", "urban"];

/** What a commune of one region looks like. */
export interface RegionProfile {
  readonly region: Region;
  /** Which spelling of Hoàng/Huỳnh and Vũ/Võ dominates. */
  readonly nameRegion: NameRegion;
  /** Province codes (digits 1–3 of the personal ID number) a commune of this kind may be in. */
  readonly provinces: readonly string[];
  /** Official ethnic codes with relative weights. */
  readonly ethnicities: readonly (readonly [string, number])[];
  /** Named villages; communes with more villages continue with `numberedVillage`. */
  readonly villages: readonly string[];
  readonly numberedVillage: (n: number) => string;
  readonly primarySchools: readonly string[];
  readonly secondarySchools: readonly string[];
  /** Share of children with temporary (not permanent) residence: high where workers move in. */
  readonly temporaryShare: number;
  /** Streets for house addresses; rural addresses often have none. */
  readonly streets: readonly string[];
}

const phrases = (list: string): readonly string[] => list.split(",").map((s) => s.trim().replace(/\s+/g, " "));

const PRIMARY = phrases(`Trường Tiểu học Kim Đồng, Trường Tiểu học Lê Văn Tám, Trường Tiểu học Trần Quốc Toản,
  Trường Tiểu học Võ Thị Sáu, Trường Tiểu học Nguyễn Văn Trỗi, Trường Tiểu học Lý Tự Trọng,
  Trường Tiểu học Hòa Bình, Trường Tiểu học Quang Trung`);
const SECONDARY = phrases(`Trường THCS Nguyễn Du, Trường THCS Chu Văn An, Trường THCS Lê Quý Đôn,
  Trường THCS Nguyễn Trãi, Trường THCS Trần Hưng Đạo, Trường THCS Lương Thế Vinh`);
const STREETS = phrases("Lê Lợi, Nguyễn Huệ, Trần Phú, Hai Bà Trưng, Lý Thường Kiệt, Quang Trung, Nguyễn Trãi, Lê Duẩn");

/** The profiles by region. Village names are free text in real life (no public list). */
export const REGION_PROFILES: Readonly<Record<Region, RegionProfile>> = {
  north: {
    region: "north",
    nameRegion: "north",
    provinces: words("027 033 034 035 036 037 030 026"),
    ethnicities: [["01", 97], ["06", 1], ["02", 1], ["07", 0.5], ["04", 0.5]],
    villages: phrases(`Thôn Đông, Thôn Đoài, Thôn Trung Hậu, Thôn Thượng, Thôn Hạ, Thôn Nam, Thôn Bắc,
      Thôn Văn Giáp, Thôn Phú Mỹ, Thôn An Lạc, Thôn Đình, Xóm Chùa, Xóm Mới, Xóm Trại, Thôn Cổ Loan`),
    numberedVillage: (n) => `Xóm ${n}`,
    primarySchools: PRIMARY,
    secondarySchools: SECONDARY,
    temporaryShare: 0.04,
    streets: [],
  },
  central: {
    region: "central",
    nameRegion: "central",
    provinces: words("038 040 042 044 045 046 049 051 052"),
    ethnicities: [["01", 96], ["03", 1.5], ["06", 1.5], ["04", 0.5], ["02", 0.5]],
    villages: phrases(`Thôn Phú Xuân, Thôn Tây Hồ, Thôn Hòa Bình, Thôn Mỹ Lợi, Thôn Phước Thạnh,
      Thôn Thanh Hà, Thôn Trung Hậu, Thôn Lại Ân, Thôn Đông Lâm, Thôn Tân An, Thôn Xuân Sơn`),
    numberedVillage: (n) => `Thôn ${n}`,
    primarySchools: PRIMARY,
    secondarySchools: SECONDARY,
    temporaryShare: 0.05,
    streets: [],
  },
  south: {
    region: "south",
    nameRegion: "south",
    provinces: words("080 082 083 086 087 089 092 094"),
    ethnicities: [["01", 90], ["05", 7], ["04", 3]],
    villages: phrases(`Ấp Tân Hòa, Ấp Bình An, Ấp Long Thạnh, Ấp Phú Lợi, Ấp Mỹ Hòa, Ấp Thạnh Phú,
      Ấp Tân Lập, Ấp Hòa Hiệp, Ấp Bến Đình, Ấp Chợ, Ấp Kinh Xáng, Ấp Phước Long`),
    numberedVillage: (n) => `Ấp ${n}`,
    primarySchools: PRIMARY,
    secondarySchools: SECONDARY,
    temporaryShare: 0.08,
    streets: [],
  },
  mountain: {
    region: "mountain",
    nameRegion: "north",
    provinces: words("002 010 011 012 014 015"),
    ethnicities: [["03", 35], ["08", 30], ["01", 15], ["02", 8], ["09", 8], ["07", 4]],
    villages: phrases(`Bản Nà Lừa, Bản Phiêng Ban, Bản Hua Nà, Bản Co Mạ, Bản Nà Sản, Bản Pá Khoang,
      Bản Huổi Một, Bản Hát Lót, Bản Tà Xùa, Bản Lao Chải, Bản Cát Cát, Bản Tả Van, Bản Sín Chải`),
    numberedVillage: (n) => `Thôn ${n}`,
    primarySchools: phrases(`Trường PTDTBT Tiểu học Sín Chải, Trường Tiểu học Nà Lừa, Trường PTDTBT Tiểu học Tả Van`),
    secondarySchools: phrases(`Trường PTDTBT THCS Lao Chải, Trường THCS Chiềng Sinh`),
    temporaryShare: 0.02,
    streets: [],
  },
  highlands: {
    region: "highlands",
    nameRegion: "central",
    provinces: words("062 064 066 067"),
    ethnicities: [["12", 35], ["01", 35], ["10", 20], ["02", 4], ["07", 3], ["03", 3]],
    villages: phrases(`Buôn Ako Dhông, Buôn Đôn, Buôn Jun, Plei Ốp, Plei Chuet, Làng Kon Klor, Buôn Ea Kmát`),
    numberedVillage: (n) => `Thôn ${n}`,
    primarySchools: phrases(`Trường Tiểu học Y Jút, Trường Tiểu học Nơ Trang Lơng, Trường Tiểu học Kim Đồng`),
    secondarySchools: phrases(`Trường THCS Nguyễn Du, Trường PTDTNT THCS Ea Súp`),
    temporaryShare: 0.05,
    streets: [],
  },
  urban: {
    region: "urban",
    nameRegion: "central",
    provinces: words("079 001 048 074 092"),
    ethnicities: [["01", 92], ["04", 5], ["05", 1], ["02", 1], ["06", 1]],
    villages: [],
    numberedVillage: (n) => `Tổ dân phố số ${n}`,
    primarySchools: PRIMARY,
    secondarySchools: SECONDARY,
    temporaryShare: 0.22,
    streets: STREETS,
  },
};

/** The region a village name suggests ("Bản …" → mountain, "Ấp …" → south …); "Thôn" → north. */
export function regionOfVillage(name: string): Region {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (first === "bản") return "mountain";
  if (first === "ấp") return "south";
  if (first === "buôn" || first === "plei" || first === "làng") return "highlands";
  if (first === "tổ" || first === "khu" || first === "khối") return "urban";
  return "north";
}

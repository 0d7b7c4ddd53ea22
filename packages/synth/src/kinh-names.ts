import type { Gender } from "@roster/schema";
import { tiered, words, type NamingStyle } from "./naming";
import { weighted } from "./random";

/** Where a Kinh family name distribution comes from: Hoàng/Vũ in the North become
 * Huỳnh/Võ in the South (the same names, pronounced and spelt differently). */
export type NameRegion = "north" | "central" | "south";

// Shares in percent of the population (national surveys put Nguyễn near 38%). The tail
// ("others") is spread over many smaller names so that two unrelated children rarely
// share a full name by chance.
const COMMON_FAMILY: readonly (readonly [string, number])[] = [
  ["Nguyễn", 38], ["Trần", 11], ["Lê", 9.5], ["Phạm", 7.1], ["Phan", 4.5], ["Đặng", 2.1],
  ["Bùi", 2], ["Đỗ", 1.4], ["Hồ", 1.3], ["Ngô", 1.3], ["Dương", 1], ["Lý", 0.5],
];
const HOANG_HUYNH = 5.1;
const VU_VO = 3.9;
const OTHER_FAMILY = words(`Đinh Đào Trịnh Mai Lương Trương Cao Lưu Tạ Hà Chu Đoàn Lâm Kiều Tô
  Phùng Thái Quách Lại Hứa Triệu Vương Thân Tăng Châu Khúc La Mạc Âu Kim Tống Nghiêm Doãn Ông
  Giang Văn Từ Khổng Diệp Quan Cù Ninh Bạch Đàm Lục Nông`);
const OTHER_SHARE = 10.1;

function familyTable(region: NameRegion): readonly (readonly [string, number])[] {
  // Share of the northern spelling (Hoàng, Vũ) in each region.
  const northern = region === "north" ? 0.95 : region === "central" ? 0.5 : 0.08;
  const others = OTHER_FAMILY.map((n) => [n, OTHER_SHARE / OTHER_FAMILY.length] as const);
  return [
    ...COMMON_FAMILY,
    ["Hoàng", HOANG_HUYNH * northern],
    ["Huỳnh", HOANG_HUYNH * (1 - northern)],
    ["Vũ", VU_VO * northern],
    ["Võ", VU_VO * (1 - northern)],
    ...others,
  ];
}

// Văn and Thị were near universal in the parents' generation and are still the most
// frequent middle names of children born in the 2010s, in the countryside above all.
const MIDDLE: Readonly<Record<Gender, readonly (readonly [string, number])[]>> = {
  male: [
    ["Văn", 14],
    ...tiered(
      words("Đức Minh Quốc Gia Hoàng Anh"),
      words("Thành Hữu Công Tuấn Bảo Trung Nhật Hải Đăng Duy Tiến Xuân Thanh Trọng Khánh Phúc Ngọc"),
      4,
    ),
  ],
  female: [
    ["Thị", 16],
    ...tiered(
      words("Ngọc Thu Bảo Khánh Minh"),
      words("Phương Thảo Hoài Mai Thanh Diệu Hải Kim Như Quỳnh Tường Hồng Thùy Mỹ Hà Tuệ Cẩm"),
      4,
    ),
  ],
};

const GIVEN: Readonly<Record<Gender, readonly (readonly [string, number])[]>> = {
  male: tiered(
    words("An Bảo Minh Khang Huy Phúc Nam Khoa Đức Hoàng Long Quân Phong Tuấn"),
    words(`Thịnh Vinh Kiên Tùng Dũng Hiếu Hưng Lâm Nhật Sơn Thắng Trí Việt Duy Đạt Khôi Lộc Tài
      Thái Toàn Trung Hải Hào Kiệt Nguyên Phát Quang Tín Vũ Khánh Đăng Thành Hùng Cường Hòa
      Tiến Thiện Bình Chiến Hậu Nghĩa Quý Tâm Thuận Vĩnh Luân Định Sang Khải Triết Hiển`),
  ),
  female: tiered(
    words("Anh Linh Ngọc Hà Hương Trang Vy Chi Hân My Nhi Thảo"),
    words(`Trâm Uyên Vân Yến Lan Mai Hoa Hằng Huyền Nga Nhung Phương Quỳnh Thư Thủy Thuỷ Tâm
      Diệp Giang Hạnh Khuê Loan Ly Ngân Như Oanh Tiên Xuân Duyên Hiền Thanh Châu An Ánh Diệu
      Đào Hảo Hậu Lam Liên Mỹ Nguyệt Nhàn Quế Thương Thúy Tú Vi Hòa Hoà`),
  ),
};

/** How many middle names a Kinh child gets: usually one, sometimes two, rarely none. */
const MIDDLE_COUNT = weighted<number>([[1, 80], [2, 16], [0, 4]]);

/** The Kinh (and Kinh-like: Mường, Tày, Nùng, Hoa) way: family + middle name(s) + given name. */
export function kinhStyle(
  region: NameRegion,
  families?: readonly (readonly [string, number])[],
  middles: Readonly<Record<Gender, readonly (readonly [string, number])[]>> = MIDDLE,
  givens: Readonly<Record<Gender, readonly (readonly [string, number])[]>> = GIVEN,
): NamingStyle {
  const family = weighted(families ?? familyTable(region));
  const middle = { male: weighted(middles.male), female: weighted(middles.female) };
  const given = { male: weighted(givens.male), female: weighted(givens.female) };
  return {
    matrilineal: false,
    familyName: (rng) => family(rng),
    fullName: (rng, gender, familyName) => {
      const parts = [familyName];
      const count = MIDDLE_COUNT(rng);
      for (let i = 0; i < count; i++) {
        const next = middle[gender](rng);
        // "Thị Thị" or "Minh Minh" is never a real name.
        if (!parts.includes(next)) parts.push(next);
      }
      let last = given[gender](rng);
      while (parts.includes(last)) last = given[gender](rng);
      parts.push(last);
      return parts.join(" ");
    },
  };
}

/** Kinh given names, for the groups that name children the Kinh way (Tày, Nùng, Mường). */
export const KINH_GIVEN_NAMES = GIVEN;

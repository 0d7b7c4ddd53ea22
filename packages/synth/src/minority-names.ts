import type { Gender } from "@roster/schema";
import { KINH_GIVEN_NAMES } from "./kinh-names";
import { tiered, words, type NamingStyle } from "./naming";
import { weighted } from "./random";

type WeightList = readonly (readonly [string, number])[];
type ByGender = Readonly<Record<Gender, WeightList>>;

const even = (list: string): WeightList => words(list).map((w) => [w, 1] as const);
/** Lists whose entries may hold spaces ("Sô Phanh"), separated by commas. */
const evenPhrases = (list: string): WeightList =>
  list.split(",").map((w) => [w.trim().replace(/\s+/g, " "), 1] as const);

/** Family + one middle name (often Văn / Thị / A) + given name; "" means no middle name. */
function threePart(families: WeightList, middles: ByGender, givens: ByGender): NamingStyle {
  const family = weighted(families);
  const middle = { male: weighted(middles.male), female: weighted(middles.female) };
  const given = { male: weighted(givens.male), female: weighted(givens.female) };
  return {
    matrilineal: false,
    familyName: (rng) => family(rng),
    fullName: (rng, gender, familyName) =>
      [familyName, middle[gender](rng), given[gender](rng)].filter((w) => w !== "").join(" "),
  };
}

const VAN_THI: ByGender = {
  male: [["Văn", 85], ["", 15]],
  female: [["Thị", 90], ["", 10]],
};

const KINH_LIKE_GIVEN: ByGender = KINH_GIVEN_NAMES;

/** Tày (02): Kinh-like names, own family names. */
const TAY = threePart(
  even("Hoàng Nông Lục Đàm Triệu Lương Ma Hà Vi Lành Bế Mã Lăng Dương"), VAN_THI, KINH_LIKE_GIVEN);

/** Nùng (07). */
const NUNG = threePart(even("Hoàng Nông Lăng Vi Lý Chu Hà Lục Mã Sầm Triệu Dương"), VAN_THI, KINH_LIKE_GIVEN);

/** Mường (06). */
const MUONG = threePart(even("Bùi Đinh Quách Hà Xa Cao Trương"), VAN_THI, KINH_LIKE_GIVEN);

/** Thái (03): "Lò Văn Pả", "Lường Thị Ún". */
const THAI = threePart(
  even("Lò Lường Quàng Cầm Tòng Vì Lù Hà Điêu Sầm"),
  VAN_THI,
  {
    male: tiered(words("Pả Sơn Khoa Hặc Bun"), words("Tuấn Thanh Chiến Dũng Xôm Panh Phóng Ngoan Duẩn Tiến")),
    female: tiered(words("Ún Piêng Thoa Panh Inh"), words("Lả Ương Hoa Xuân Ngọc Bích Phương Lan Mai Hom")),
  },
);

/** HMông (08): "Giàng A Sùng", "Vàng Thị Mỷ". */
const HMONG = threePart(
  even("Giàng Vàng Sùng Thào Lý Hờ Lầu Mùa Vừ Hầu"),
  { male: [["A", 65], ["Văn", 25], ["", 10]], female: [["Thị", 85], ["", 15]] },
  {
    male: even("Sùng Páo Chứ Dình Sình Chú Tủa Lử Pó Dế Súa Cở Nhà Của Vư Thề"),
    female: even("Mỷ Dợ Súa Mai Dua Chía Mỉ Sua Pà Lan Di Máy Sinh Pằng"),
  },
);

/** Dao (09): "Triệu Tài Vần", "Tẩn Mùi Mẩy". */
const DAO = threePart(
  even("Triệu Bàn Đặng Lý Chảo Phùng Tẩn"),
  { male: [["Văn", 50], ["Tài", 25], ["Láo", 15], ["", 10]], female: [["Thị", 70], ["Mùi", 30]] },
  {
    male: even("Vần Sài Phú Lở Kiềm Quầy Chàn Sử Lưu Chiêu Dền"),
    female: even("Mẩy Dín Chiêm Nái Xuân Lai Sành Mây Chài"),
  },
);

/** Khơ-me (05): "Thạch Sô Phanh", "Danh Thị Sa Ny". */
const KHMER = threePart(
  even("Thạch Danh Sơn Kim Lâm Châu Lý Trà"),
  { male: [["", 50], ["Văn", 30], ["Minh", 10], ["Hoàng", 10]], female: [["Thị", 80], ["", 20]] },
  {
    male: evenPhrases("Sô Phanh, Sóc Kha, Sa Rát, Tha, Rết, Phanh, Sang, Tài, Thành, Sa Phía, Chanh Đa"),
    female: evenPhrases("Sa Ry, Sóc Thia, Sa Ny, Phol, Kim Thoa, Mai, Dung, Sà Rin, Thia, Sa Phone"),
  },
);

/** Hoa (04): "Lâm Gia Hào", "Diệp Mỹ Linh". */
const HOA = threePart(
  even("Lâm Diệp Quách Tăng Lý Trương Hứa Mã Châu La Âu Vương"),
  { male: even("Gia Quốc Vĩnh Tuấn Kiến"), female: even("Mỹ Tuệ Bội Gia Ngọc Huệ") },
  {
    male: even("Hào Vinh Kiệt Huy Minh Khang Thành Lợi Phát Cường"),
    female: even("Linh Nhi Hân Mẫn Nghi Kỳ Dung Quyên Mai Yến"),
  },
);

/** Ê-đê (12): the clan name comes last and passes from the mother: "H'Hen Niê", "Y Moan Êban". */
const EDE: NamingStyle = (() => {
  const clan = weighted(evenPhrases("Niê, Êban, Mlô, Byă, Ksơr, Adrơng, Hmok, Knul, Hwing, Buôn Yă, Kbuôr"));
  const given = {
    male: weighted(even("Moan Kông Bhin Dhăm Ngọc Sơn Thái Blô Jút Wang Khoa Tlang")),
    female: weighted(even("Hen Bia Nhi Lan Mai Duyên Năm Xuân Yơn Ngơn Hiền Thu")),
  };
  return {
    matrilineal: true,
    familyName: (rng) => clan(rng),
    fullName: (rng, gender, family) =>
      gender === "female" ? `H'${given.female(rng)} ${family}` : `Y ${given.male(rng)} ${family}`,
  };
})();

/** Gia-rai (10): clan first, matrilineal: "Ksor H'Bia", "Rơ Châm Pheo". */
const JARAI: NamingStyle = (() => {
  const clan = weighted(evenPhrases("Ksor, Rơ Châm, Rơ Mah, Siu, Kpă, Nay, Puih, Rah Lan, Rcom"));
  const given = {
    male: weighted(even("Blel Thuyên Đen Pheo Phước Kông Dơi Hyưk Tuấn Lâm")),
    female: weighted(even("Bia Lan Hnơi Yên Mai Uyên Nga Nhi Phiang Thu")),
  };
  return {
    matrilineal: true,
    familyName: (rng) => clan(rng),
    fullName: (rng, gender, family) =>
      gender === "female" ? `${family} H'${given.female(rng)}` : `${family} ${given.male(rng)}`,
  };
})();

/** Naming styles of the groups the generator places, by official ethnic code. */
export const MINORITY_STYLES: Readonly<Record<string, NamingStyle>> = {
  "02": TAY,
  "03": THAI,
  "04": HOA,
  "05": KHMER,
  "06": MUONG,
  "07": NUNG,
  "08": HMONG,
  "09": DAO,
  "10": JARAI,
  "12": EDE,
};

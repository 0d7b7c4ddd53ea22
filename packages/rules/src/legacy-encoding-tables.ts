// Conversion tables for the two legacy Vietnamese font encodings found in old school
// Excel files. Both fonts are "Western" fonts to Windows, so each byte of the legacy
// text reaches us as the Windows-1252 / Latin-1 character with that byte's value: the
// tables are keyed by that character. Neither table uses bytes 0x80–0x9F, where
// Windows-1252 and Latin-1 differ.

/** Freezes a null-prototype copy, so a lookup of any character can only hit the table. */
function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * TCVN3 (TCVN 5712:1993, level VN3, the ".VnTime" / "ABC" fonts): one byte per letter.
 * VN3 has only seven capitals (Ă Â Ê Ô Ơ Ư Đ); a capital with a tone mark has no byte of
 * its own and was typed as the lower-case byte in the capitals-only ".VnTimeH" font.
 * Checked byte by byte against glibc's TCVN5712-1 converter, whose VN1 level adds the
 * capitals with tone marks at other positions (and on Latin-1 letters such as "À");
 * the ABC fonts do not have them, so they are left out.
 */
export const TCVN3_TO_UNICODE = table<string>({
  "\u00A1": "Ă", "\u00A2": "Â", "\u00A3": "Ê", "\u00A4": "Ô", "\u00A5": "Ơ", "\u00A6": "Ư", "\u00A7": "Đ",
  "\u00A8": "ă", "\u00A9": "â", "\u00AA": "ê", "\u00AB": "ô", "\u00AC": "ơ", "\u00AD": "ư", "\u00AE": "đ",
  // a: à ả ã á ạ
  "\u00B5": "à", "\u00B6": "ả", "\u00B7": "ã", "\u00B8": "á", "\u00B9": "ạ",
  // ă: ằ ẳ ẵ ắ ặ
  "\u00BB": "ằ", "\u00BC": "ẳ", "\u00BD": "ẵ", "\u00BE": "ắ", "\u00C6": "ặ",
  // â: ầ ẩ ẫ ấ ậ
  "\u00C7": "ầ", "\u00C8": "ẩ", "\u00C9": "ẫ", "\u00CA": "ấ", "\u00CB": "ậ",
  // e: è ẻ ẽ é ẹ
  "\u00CC": "è", "\u00CE": "ẻ", "\u00CF": "ẽ", "\u00D0": "é", "\u00D1": "ẹ",
  // ê: ề ể ễ ế ệ
  "\u00D2": "ề", "\u00D3": "ể", "\u00D4": "ễ", "\u00D5": "ế", "\u00D6": "ệ",
  // i: ì ỉ ĩ í ị
  "\u00D7": "ì", "\u00D8": "ỉ", "\u00DC": "ĩ", "\u00DD": "í", "\u00DE": "ị",
  // o: ò ỏ õ ó ọ
  "\u00DF": "ò", "\u00E1": "ỏ", "\u00E2": "õ", "\u00E3": "ó", "\u00E4": "ọ",
  // ô: ồ ổ ỗ ố ộ
  "\u00E5": "ồ", "\u00E6": "ổ", "\u00E7": "ỗ", "\u00E8": "ố", "\u00E9": "ộ",
  // ơ: ờ ở ỡ ớ ợ
  "\u00EA": "ờ", "\u00EB": "ở", "\u00EC": "ỡ", "\u00ED": "ớ", "\u00EE": "ợ",
  // u: ù ủ ũ ú ụ
  "\u00EF": "ù", "\u00F1": "ủ", "\u00F2": "ũ", "\u00F3": "ú", "\u00F4": "ụ",
  // ư: ừ ử ữ ứ ự
  "\u00F5": "ừ", "\u00F6": "ử", "\u00F7": "ữ", "\u00F8": "ứ", "\u00F9": "ự",
  // y: ỳ ỷ ỹ ý ỵ
  "\u00FA": "ỳ", "\u00FB": "ỷ", "\u00FC": "ỹ", "\u00FD": "ý", "\u00FE": "ỵ",
});

/**
 * VNI-Windows ("VNI-Times" fonts), letters that are a single byte of their own: đ, the
 * horned ơ and ư, i with each tone mark (a tone byte after "i" would collide with the
 * dot of the i) and ỵ.
 */
export const VNI_LETTERS = table<string>({
  "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
  "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
  "î": "ỵ", "Î": "Ỵ",
});

/** What a VNI mark byte adds to the vowel before it, and which (lower-case) vowels take it. */
export interface VniMark {
  /** Unicode combining marks, vowel-quality mark first. */
  readonly marks: string;
  readonly after: string;
}

const GRAVE = "\u0300"; // huyền
const ACUTE = "\u0301"; // sắc
const HOOK = "\u0309"; // hỏi
const TILDE = "\u0303"; // ngã
const DOT = "\u0323"; // nặng
const CIRCUMFLEX = "\u0302";
const BREVE = "\u0306";

const tone = (marks: string): VniMark => ({ marks, after: "aeouyơư" });
const hat = (marks: string): VniMark => ({ marks: CIRCUMFLEX + marks, after: "aeo" });
const bowl = (marks: string): VniMark => ({ marks: BREVE + marks, after: "a" });

/**
 * VNI-Windows mark bytes, typed after the base vowel: a tone alone, or a circumflex or
 * breve with or without a tone ("Nguyeãn" = Nguy + e + circumflex-and-tilde + n).
 * Capital mark bytes follow capital vowels ("NGUYEÃN").
 */
export const VNI_MARKS = table<VniMark>({
  "ø": tone(GRAVE), "Ø": tone(GRAVE),
  "ù": tone(ACUTE), "Ù": tone(ACUTE),
  "û": tone(HOOK), "Û": tone(HOOK),
  "õ": tone(TILDE), "Õ": tone(TILDE),
  "ï": tone(DOT), "Ï": tone(DOT),
  "â": hat(""), "Â": hat(""),
  "à": hat(GRAVE), "À": hat(GRAVE),
  "á": hat(ACUTE), "Á": hat(ACUTE),
  "å": hat(HOOK), "Å": hat(HOOK),
  "ã": hat(TILDE), "Ã": hat(TILDE),
  "ä": hat(DOT), "Ä": hat(DOT),
  "ê": bowl(""), "Ê": bowl(""),
  "è": bowl(GRAVE), "È": bowl(GRAVE),
  "é": bowl(ACUTE), "É": bowl(ACUTE),
  "ú": bowl(HOOK), "Ú": bowl(HOOK),
  "ü": bowl(TILDE), "Ü": bowl(TILDE),
  "ë": bowl(DOT), "Ë": bowl(DOT),
});

/**
 * Syllables common in Vietnamese names (lower case, NFC, both tone placements where they
 * differ). Detection uses them to choose between two readings that are both Vietnamese:
 * VNI "Thò" is "Thị" (common) although "thò" is a word too; TCVN3 "Dòng" is "Dũng".
 */
export const COMMON_NAME_SYLLABLES: ReadonlySet<string> = new Set(
  `
  nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trương lò hà mai
  lục nông quách tạ khổng cao lường triệu vi tô lâm đàm kiều thái hứa mạc chu giáp lã đoàn
  trịnh lương tăng vương châu la thân kim hầu tống ninh mẫn âu nghiêm phùng lưu từ diệp ông
  văn thị minh ngọc đức quốc thanh thu mỹ gia công trọng xuân hữu bảo tuấn diệu khánh phương
  như nhật quang thế đình bá hồng thùy thuỳ ánh quỳnh phúc anh an ân bình chi cường dũng duy
  đạt điệp đông giang hải hân hằng hiền hiếu hoa hòa hoà huệ hùng hưng hương huy khải khoa lan
  lệ linh loan long my nam nga ngân nghĩa nhi nhung oanh quân quyên sơn tâm thảo thắng thủy
  thuỷ thúy thuý tiến trang trí trung tú tùng uyên vân việt vinh vy yến hạnh hiệp hậu hiển
  khôi khang lộc lợi luân lực mạnh nhân nhàn phát phong phú quý quí quyết sang sáng tài tân
  thành thông thư thương tín toàn toán trâm trinh tuyết tường ý yên đào đăng đạo định duyên
  hào hảo hoài huyền liên liễu nguyệt nhiên phước phượng quế quyền sinh thiện thoa thuận
  trà tuệ dung hạ hiên hoan hội kiên lam liêm loan ly nhã nhi nương tiên tình tính trường
  `
    .trim()
    .split(/\s+/),
);

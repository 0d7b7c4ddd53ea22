import type { Finding, Severity } from "@roster/schema";

interface CodeSpec {
  readonly severity: Severity;
  readonly vi: string;
  readonly en: string;
}

/**
 * Every finding code the rules can produce, with its severity and its words.
 * Codes are a public contract (DESIGN.md): add new ones, never rename one.
 * `{who}` in a message is replaced by the guardian's role (cha / mẹ / người giám hộ).
 */
export const FINDING_CODES = {
  "name.missing": { severity: "error", vi: "Chưa có họ và tên", en: "Full name is missing" },
  "name.invalid": {
    severity: "error",
    vi: "Họ tên có chữ số, ký hiệu hoặc chỉ có một chữ",
    en: "Name has digits or symbols, or is a single word",
  },
  "name.format": {
    severity: "warning",
    vi: "Họ tên chưa đúng định dạng (khoảng trắng, chữ hoa, dấu)",
    en: "Name is not in normal form (spaces, capitals, accents)",
  },
  "name.encoding": {
    severity: "error",
    vi: "Họ tên bị lỗi phông chữ (TCVN3/VNI), cần chuyển sang Unicode",
    en: "Name is in a legacy encoding (TCVN3/VNI) and must be converted to Unicode",
  },
  "dob.missing": { severity: "error", vi: "Chưa có ngày sinh", en: "Date of birth is missing" },
  "dob.invalid": { severity: "error", vi: "Ngày sinh không hợp lệ", en: "Date of birth is not a valid date" },
  "dob.future": { severity: "error", vi: "Ngày sinh ở tương lai", en: "Date of birth is in the future" },
  "age.out_of_campaign": {
    severity: "warning",
    vi: "Trẻ không trong độ tuổi của đợt (từ 6 đến dưới 14 tuổi)",
    en: "Child is outside the campaign age range (6 to under 14)",
  },
  "gender.missing": { severity: "error", vi: "Chưa có giới tính", en: "Gender is missing" },
  "ethnicity.missing": { severity: "error", vi: "Chưa có dân tộc", en: "Ethnicity is missing" },
  "ethnicity.unknown": {
    severity: "error",
    vi: "Mã dân tộc không thuộc danh mục 54 dân tộc",
    en: "Ethnicity is not one of the 54 official codes",
  },
  "pid.missing": { severity: "error", vi: "Chưa có số định danh cá nhân", en: "Personal ID number is missing" },
  "pid.legacy_cmnd": {
    severity: "error",
    vi: "Số CMND 9 số cũ, không phải số định danh cá nhân",
    en: "An old 9-digit ID-card number, not a personal ID number",
  },
  "pid.format": {
    severity: "error",
    vi: "Số định danh phải có đúng 12 chữ số",
    en: "Personal ID number must be exactly 12 digits",
  },
  "pid.province": {
    severity: "error",
    vi: "3 số đầu của số định danh không phải mã tỉnh hoặc mã quốc gia",
    en: "Digits 1–3 are neither a province code nor a country code",
  },
  "pid.century_gender": {
    severity: "error",
    vi: "Số thứ 4 của số định danh không khớp giới tính hoặc thế kỷ sinh",
    en: "Digit 4 disagrees with gender or century of birth",
  },
  "pid.birth_year": {
    severity: "error",
    vi: "Số thứ 5–6 của số định danh không khớp năm sinh",
    en: "Digits 5–6 disagree with the year of birth",
  },
  "guardian.missing": {
    severity: "error",
    vi: "Chưa có thông tin cha, mẹ hoặc người giám hộ",
    en: "No father, mother or guardian is linked",
  },
  "guardian.link_broken": {
    severity: "error",
    vi: "Liên kết tới {who} không tìm thấy trong danh sách",
    en: "The linked {who} is not in the roster",
  },
  "guardian.representative": {
    severity: "error",
    vi: "Chưa chọn người đại diện hợp pháp hoặc người đại diện chưa có thông tin",
    en: "Legal representative is not set or not linked",
  },
  "guardian.name.missing": { severity: "error", vi: "Chưa có họ tên {who}", en: "The {who} has no name" },
  "guardian.name.invalid": {
    severity: "error",
    vi: "Họ tên {who} có chữ số, ký hiệu hoặc chỉ có một chữ",
    en: "The {who}'s name has digits or symbols, or is a single word",
  },
  "guardian.name.format": {
    severity: "warning",
    vi: "Họ tên {who} chưa đúng định dạng",
    en: "The {who}'s name is not in normal form",
  },
  "guardian.name.encoding": {
    severity: "error",
    vi: "Họ tên {who} bị lỗi phông chữ (TCVN3/VNI)",
    en: "The {who}'s name is in a legacy encoding (TCVN3/VNI)",
  },
  "guardian.pid.missing": {
    severity: "error",
    vi: "Chưa có số định danh của {who}",
    en: "The {who} has no personal ID number",
  },
  "guardian.pid.legacy_cmnd": {
    severity: "error",
    vi: "Số CMND 9 số cũ của {who} đã hết hiệu lực",
    en: "The {who}'s old 9-digit ID-card number has expired",
  },
  "guardian.pid.format": {
    severity: "error",
    vi: "Số định danh của {who} phải có đúng 12 chữ số",
    en: "The {who}'s personal ID number must be exactly 12 digits",
  },
  "guardian.pid.province": {
    severity: "error",
    vi: "3 số đầu số định danh của {who} không phải mã tỉnh hoặc mã quốc gia",
    en: "Digits 1–3 of the {who}'s ID number are neither a province nor a country code",
  },
  "guardian.pid.century_gender": {
    severity: "error",
    vi: "Số thứ 4 số định danh của {who} không khớp giới tính hoặc thế kỷ sinh",
    en: "Digit 4 of the {who}'s ID number disagrees with gender or century of birth",
  },
  "guardian.pid.birth_year": {
    severity: "error",
    vi: "Số thứ 5–6 số định danh của {who} không khớp năm sinh",
    en: "Digits 5–6 of the {who}'s ID number disagree with the year of birth",
  },
  "guardian.underage": {
    severity: "error",
    vi: "{who} chưa đủ 18 tuổi",
    en: "The {who} is under 18",
  },
  "guardian.no_level2": {
    severity: "warning",
    vi: "Người đại diện chưa có tài khoản VNeID mức 2, chưa kích hoạt được cho trẻ",
    en: "The representative has no level-2 VNeID account; the child's account cannot be activated",
  },
  "bhyt.format": {
    severity: "error",
    vi: "Số thẻ BHYT phải có 10 chữ số hoặc 15 ký tự",
    en: "Health-insurance number must be 10 digits or 15 characters",
  },
  "bhyt.prefix": {
    severity: "error",
    vi: "Mã đối tượng (2 chữ đầu) của thẻ BHYT không hợp lệ",
    en: "The 2-letter beneficiary code of the health-insurance card is not valid",
  },
  "bhyt.benefit_level": {
    severity: "error",
    vi: "Mức hưởng (ký tự thứ 3) của thẻ BHYT phải từ 1 đến 5",
    en: "The benefit level (3rd character) must be 1 to 5",
  },
  "bhyt.issuer": {
    severity: "error",
    vi: "Mã nơi cấp (ký tự 4–5) của thẻ BHYT không hợp lệ",
    en: "The issuer code (characters 4–5) of the health-insurance card is not valid",
  },
  "residence.missing": { severity: "error", vi: "Chưa có loại cư trú", en: "Residence type is missing" },
  "residence.overdue": {
    severity: "error",
    vi: "Chưa đăng ký cư trú quá 60 ngày kể từ ngày đăng ký khai sinh",
    en: "No residence registration more than 60 days after birth registration",
  },
  "residence.late": {
    severity: "warning",
    vi: "Đăng ký cư trú muộn hơn 60 ngày sau đăng ký khai sinh",
    en: "Residence registered more than 60 days after birth registration",
  },
  "duplicate.pid": {
    severity: "error",
    vi: "Trùng số định danh với trẻ khác",
    en: "Another child has the same personal ID number",
  },
  "duplicate.bhyt": {
    severity: "error",
    vi: "Trùng số thẻ BHYT với trẻ khác",
    en: "Another child has the same health-insurance number",
  },
  "duplicate.person": {
    severity: "warning",
    vi: "Có thể trùng với trẻ khác (họ tên và ngày sinh gần giống)",
    en: "Possibly the same child as another record (similar name and date of birth)",
  },
  "verification.stale": {
    severity: "warning",
    vi: "Đã xác minh trước đây nhưng đã bị sửa, cần xác minh lại",
    en: "Verified earlier but edited since; needs re-verification",
  },
  "conflict.field": {
    severity: "warning",
    vi: "Hai người sửa cùng một trường khi ngoại tuyến, cần chọn giá trị đúng",
    en: "Two offline edits of this field disagree; a person must choose",
  },
} as const satisfies Record<string, CodeSpec>;

export type FindingCode = keyof typeof FINDING_CODES;

/** Words for the roles a linked guardian plays, used in `{who}`. */
export const GUARDIAN_ROLE_WORDS = {
  father: { vi: "cha", en: "father" },
  mother: { vi: "mẹ", en: "mother" },
  guardian: { vi: "người giám hộ", en: "guardian" },
} as const;
export type GuardianRole = keyof typeof GUARDIAN_ROLE_WORDS;

function fillWho(spec: CodeSpec, who: GuardianRole): { vi: string; en: string } {
  const words = GUARDIAN_ROLE_WORDS[who];
  const fill = (text: string, word: string) => text.replaceAll("{who}", word);
  let vi = fill(spec.vi, words.vi);
  // Vietnamese sentences may begin with the placeholder.
  if (vi.length > 0) vi = vi.charAt(0).toUpperCase() + vi.slice(1);
  return { vi, en: fill(spec.en, words.en) };
}

// The words of every code for every role, filled in once: evaluating a city-wide roster
// builds a finding for most children, and filling the template each time was a visible
// part of the cost.
const MESSAGES = Object.fromEntries(
  Object.entries(FINDING_CODES as Record<string, CodeSpec>).map(([code, spec]) => [
    code,
    { father: fillWho(spec, "father"), mother: fillWho(spec, "mother"), guardian: fillWho(spec, "guardian") },
  ]),
) as Readonly<Record<FindingCode, Readonly<Record<GuardianRole, { vi: string; en: string }>>>>;

/** Builds the finding for `code` on `field`; `who` fills `{who}` in guardian messages. */
export function finding(code: FindingCode, field: string, who?: GuardianRole): Finding {
  const spec: CodeSpec = FINDING_CODES[code];
  // A fresh message object each time: callers own the findings they are given.
  const { vi, en } = MESSAGES[code][who ? who : "guardian"];
  return { code, field, severity: spec.severity, message: { vi, en } };
}

/** Severity of a code, for findings that arrive without one (e.g. marks hold codes only). */
export function severityOf(code: string): Severity | undefined {
  return (FINDING_CODES as Record<string, CodeSpec>)[code]?.severity;
}

/** The words of a code, for showing a mark's codes without re-running the rules. */
export function messageOf(code: string, who?: GuardianRole): { vi: string; en: string } | undefined {
  if (!(code in FINDING_CODES)) return undefined;
  return finding(code as FindingCode, "", who).message;
}

// Step 3 of the cleaning procedure: the verified children of a village, which the commune
// police sign and hand back (as a printable document, `handoverHtml`, or XLSX).
import type { Child, FieldValue, Guardian } from "@roster/schema";
import { compareVietnameseNames } from "@roster/rules";
import type { ExportTable } from "./export-table";
import { formatDate, formatDateInWords, formatGender, formatRepresentative } from "./format-values";
import { EXPORT_WORDS } from "./messages";
import { representativeOf, valueFor } from "./roster-values";

export interface HandoverOptions {
  /** The village (thôn, xóm, bản, ấp, tổ dân phố) of the roster. */
  village: string;
  /** The commune, e.g. "Xã An Bình". */
  commune: string;
  /** Where the document is signed, for the place-and-date line; the commune when not given. */
  place?: string;
  /** The day of signing (`YYYY-MM-DD`). */
  date: string;
  /** Ids of the children whose status is `verified` (from the review document). */
  verified: ReadonlySet<string>;
  /** The heading's left block (issuing body), top to bottom, e.g. ["UBND XÃ AN BÌNH", "THÔN ĐÔNG"]. */
  issuer?: string[];
  /**
   * Open conflicts by child id: field as findings name it (`dob`, `mother.pid`) → the
   * values in dispute. Such a value is printed as in dispute, never as settled.
   */
  disputed?: ReadonlyMap<string, ReadonlyMap<string, readonly FieldValue[]>>;
}

/** The rows and words of the handover document. */
export interface HandoverList {
  issuer: string[];
  title: string;
  subtitle: string;
  /** "Xã An Bình, ngày 05 tháng 6 năm 2026". */
  placeAndDate: string;
  /** The police signature block's heading: "CÔNG AN XÃ AN BÌNH". */
  policeTitle: string;
  table: ExportTable;
}

const COLUMNS = [
  { header: "STT", width: 5, kind: "number" },
  { header: "Họ và tên", width: 24, kind: "text" },
  { header: "Ngày sinh", width: 11, kind: "date" },
  { header: "Giới tính", width: 8, kind: "text" },
  { header: "Số định danh cá nhân", width: 15, kind: "id" },
  { header: "Người đại diện hợp pháp", width: 24, kind: "text" },
  { header: "Số định danh người đại diện", width: 15, kind: "id" },
  { header: "Nơi ở", width: 22, kind: "text" },
  { header: "Ghi chú", width: 14, kind: "text" },
] as const;

/**
 * The step-3 list: the verified children of the village (not removed), in class-list
 * order, with identity, the legal representative (name and role) and the
 * representative's ID number, and the words of the document around the table.
 */
export function exportHandoverList(
  children: readonly Child[],
  guardians: Readonly<Record<string, Guardian>>,
  options: HandoverOptions,
): HandoverList {
  const verified = children
    .filter((child) => child.removed !== true && options.verified.has(child.id))
    .sort((a, b) => compareVietnameseNames(a.fullName ?? "", b.fullName ?? ""));
  const rows = verified.map((child, index) => {
    const representative = representativeOf(child, guardians);
    const role = formatRepresentative(child.representative);
    const rep = child.representative ?? "";
    const disputed = options.disputed?.get(child.id);
    // A cell whose field is in dispute shows every value in dispute, marked as such.
    const cell = (settled: string, ...fields: string[]): string => {
      const field = fields.find((f) => disputed?.has(f));
      if (field === undefined) return settled;
      const values = (disputed?.get(field) ?? []).map((v) => disputedWords(field, v));
      return EXPORT_WORDS.disputedValue(values);
    };
    return [
      index + 1,
      cell(child.fullName ?? "", "fullName"),
      cell(formatDate(child.dob), "dob"),
      cell(valueFor(child, "gender", guardians), "gender"),
      cell(child.pid ?? "", "pid"),
      cell(representative?.fullName ? `${representative.fullName} (${role})` : "", "representative", `${rep}Id`, `${rep}.fullName`),
      cell(representative?.pid ?? "", `${rep}Id`, `${rep}.pid`),
      child.address?.trim() ? child.address : (child.village ?? options.village),
      disputed && disputed.size > 0 ? EXPORT_WORDS.disputedNote : "",
    ];
  });
  const title = EXPORT_WORDS.handoverTitle;
  const subtitle = EXPORT_WORDS.handoverSubtitle(options.village, options.commune);
  const placeAndDate = `${options.place ?? options.commune}, ${formatDateInWords(options.date)}`;
  return {
    issuer: options.issuer ?? [options.commune.toUpperCase()],
    title,
    subtitle,
    placeAndDate,
    policeTitle: EXPORT_WORDS.policeTitle(options.commune),
    table: {
      sheetName: "Da xac minh",
      title: [title, subtitle, placeAndDate],
      columns: COLUMNS.map((c) => ({ ...c })),
      rows,
    },
  };
}

/** A value in dispute in the words of the list. */
function disputedWords(field: string, value: FieldValue): string {
  if (value === null || value === "") return EXPORT_WORDS.emptyValue;
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (field === "dob") return formatDate(value);
  if (field === "gender") return formatGender(value === "male" || value === "female" ? value : null) || value;
  return value;
}

import type { Child, FollowUpEntry, FollowUpGap, FollowUpList, Guardian, LocalizedText } from "@roster/schema";
import { compareVietnameseNames } from "@roster/rules";
import type { ExportTable } from "@roster/spreadsheet";
import { formatDate } from "@roster/spreadsheet";
import { hasValidPid, inCampaignAge, residenceRegistered } from "./campaign-counts";
import { GAP_WORDS, FOLLOW_UP_WORDS } from "./report-words";

const LINKS = { father: "fatherId", mother: "motherId", guardian: "guardianId" } as const;
type Role = keyof typeof LINKS;

/** What a child in campaign age still lacks, in the order the campaign works through it. */
export function gapsOf(child: Child): FollowUpGap[] {
  const gaps: FollowUpGap[] = [];
  if (!hasValidPid(child)) gaps.push("pid");
  if (child.vneid !== "level2") gaps.push("vneidLevel2");
  if (child.idCard !== "applied" && child.idCard !== "issued") gaps.push("idCard");
  if (child.healthBook !== true) gaps.push("healthBook");
  if (!residenceRegistered(child)) gaps.push("residence");
  return gaps;
}

/**
 * Whom to call: the legal representative; when none is set (or not linked), the first
 * linked parent or guardian who has a phone, else the first linked one.
 */
export function contactOf(child: Child, guardians: Readonly<Record<string, Guardian>>): FollowUpEntry["representative"] {
  const linked = (role: Role) => {
    const id = child[LINKS[role]];
    return id && Object.hasOwn(guardians, id) ? guardians[id] : undefined;
  };
  const roles: Role[] = child.representative ? [child.representative] : [];
  const candidates = (Object.keys(LINKS) as Role[]).filter((r) => linked(r) !== undefined);
  const chosen =
    roles.find((r) => linked(r) !== undefined) ?? candidates.find((r) => linked(r)?.phone) ?? candidates[0];
  if (!chosen) return null;
  const g = linked(chosen)!;
  return { role: chosen, ...(g.fullName ? { fullName: g.fullName } : {}), ...(g.phone ? { phone: g.phone } : {}) };
}

/**
 * The follow-up list (DOMAIN.md: "the list of people who could not be done is kept for
 * follow-up"): children in campaign age, not removed, with at least one gap, by village
 * and name, with the gaps in words and whom to call.
 */
export function followUpList(
  rosterId: string,
  rosterName: string,
  children: readonly Child[],
  guardians: Readonly<Record<string, Guardian>>,
  asOf: string,
): FollowUpList {
  const out: FollowUpEntry[] = [];
  for (const child of children) {
    if (child.removed === true || !inCampaignAge(child, asOf)) continue;
    const gaps = gapsOf(child);
    if (gaps.length === 0) continue;
    out.push({
      childId: child.id,
      fullName: child.fullName ?? "",
      ...(child.dob ? { dob: child.dob } : {}),
      village: child.village?.trim() ? child.village : rosterName,
      missing: gaps.map((gap) => ({ gap, text: GAP_WORDS[gap] })),
      representative: contactOf(child, guardians),
    });
  }
  out.sort((a, b) => compareVietnameseNames(a.village, b.village) || compareVietnameseNames(a.fullName, b.fullName));
  return { rosterId, asOf, children: out };
}

const ROLE_WORDS: Readonly<Record<Role, LocalizedText>> = {
  father: { vi: "Cha", en: "Father" },
  mother: { vi: "Mẹ", en: "Mother" },
  guardian: { vi: "Người giám hộ", en: "Guardian" },
};

/** The list as a table for XLSX / CSV (Vietnamese headers, one row per child). */
export function followUpTable(list: FollowUpList, rosterName: string, communeName: string): ExportTable {
  return {
    sheetName: "Chua hoan thanh",
    title: [FOLLOW_UP_WORDS.title, `${rosterName}, ${communeName}`, FOLLOW_UP_WORDS.asOf(formatDate(list.asOf))],
    columns: [
      { header: "STT", width: 6, kind: "number" },
      { header: "Thôn/Xóm", width: 16, kind: "text" },
      { header: "Họ và tên", width: 24, kind: "text" },
      { header: "Ngày sinh", width: 12, kind: "date" },
      { header: "Còn thiếu", width: 60, kind: "text" },
      { header: "Người đại diện", width: 24, kind: "text" },
      { header: "Quan hệ", width: 12, kind: "text" },
      { header: "Số điện thoại", width: 14, kind: "id" },
    ],
    rows: list.children.map((entry, index) => [
      index + 1,
      entry.village,
      entry.fullName,
      formatDate(entry.dob),
      entry.missing.map((m) => m.text.vi).join("; "),
      entry.representative?.fullName ?? "",
      entry.representative ? ROLE_WORDS[entry.representative.role].vi : "",
      entry.representative?.phone ?? "",
    ]),
  };
}

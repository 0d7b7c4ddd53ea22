// Ethnicity (DOMAIN.md "Ethnicity"): the record stores the two-digit code of one of the
// 54 official groups (Decision 121-TCTK/PPCĐ). Files spell the names many ways ("Khmer",
// "Khơ me", "Việt"), so names are matched by the data's variants under a folded key.
import type { Finding } from "@roster/schema";
import { ETHNIC_GROUPS, type EthnicGroup } from "./data/ethnic-groups";
import { finding } from "./findings";
import { foldName } from "./names";

/** The codes of the 54 official groups: `01` to `54`, always two digits. */
export const ETHNIC_CODE_PATTERN = /^(?:0[1-9]|[1-4][0-9]|5[0-4])$/;

const GROUP_BY_CODE: ReadonlyMap<string, EthnicGroup> = new Map(
  ETHNIC_GROUPS.map((group) => [group.code, group]),
);

/** Folds a group name so spelling, case, diacritics, hyphens, apostrophes and spaces do
 * not matter, and drops a leading "dân tộc" ("Dân tộc Kinh"): "Khơ-me", "KHƠ ME" → "khome". */
function groupKey(name: string): string {
  return foldName(name).replace(/^dan toc /, "").replace(/[ '-]/g, "");
}

const CODE_BY_KEY: ReadonlyMap<string, string> = new Map(
  ETHNIC_GROUPS.flatMap((group) => [group.name, ...group.variants].map((name) => [groupKey(name), group.code])),
);

/** Whether `code` is exactly the two-digit code of one of the 54 official groups. */
export function isOfficialEthnicCode(code: string): boolean {
  return ETHNIC_CODE_PATTERN.test(code) && GROUP_BY_CODE.get(code)?.official === true;
}

/** The name of the group with exactly this code (`"05"` → "Khơ-me"), if the data has one. */
export function ethnicName(code: string): string | undefined {
  return GROUP_BY_CODE.get(code)?.name;
}

/**
 * The code of the group a name (or a bare code) means: by the data's variants, ignoring
 * case, diacritics, hyphens, apostrophes and spaces ("Khmer", "khơ-me", "KHƠ ME" → "05";
 * "Việt" → "01"; "H'Mông", "Mèo" → "08"); a code of one or two digits is padded and
 * looked up ("1" → "01"). Returns any code the data has (also "55", foreigners, which
 * `checkEthnicity` does not accept); `null` when nothing matches.
 */
export function ethnicCodeFromName(name: string): string | null {
  const trimmed = name.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const code = trimmed.padStart(2, "0");
    return GROUP_BY_CODE.has(code) ? code : null;
  }
  const key = groupKey(trimmed);
  return key === "" ? null : (CODE_BY_KEY.get(key) ?? null);
}

/**
 * The findings on a stored ethnicity: `ethnicity.missing` when empty, `ethnicity.unknown`
 * when it is not exactly an official two-digit code `01`..`54` ("1", "55", "Kinh" and
 * " 01" included: names and loose codes are converted on import, not here).
 */
export function checkEthnicity(code: string | null | undefined, options: { field?: string } = {}): Finding[] {
  const field = options.field ?? "ethnicity";
  if (code === null || code === undefined || code.trim() === "") return [finding("ethnicity.missing", field)];
  return isOfficialEthnicCode(code) ? [] : [finding("ethnicity.unknown", field)];
}

import type { ImportPlan } from "@roster/spreadsheet";
import { BadRequestError } from "../errors";

/** One page of every list in an import preview. */
export interface PreviewPage {
  offset: number;
  limit: number;
}

export const DEFAULT_PREVIEW_LIMIT = 100;
export const MAX_PREVIEW_LIMIT = 500;

/** `?offset=&limit=` of a preview request; by default the first 100 of each list. */
export function previewPage(query: { offset?: string | undefined; limit?: string | undefined }): PreviewPage {
  const number = (raw: string | undefined, fallback: number, max: number, name: string) => {
    if (raw === undefined || raw === "") return fallback;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) > max) {
      throw new BadRequestError(`Tham số ${name} không hợp lệ (0–${max}) / Invalid ${name} (0–${max})`, "invalid_page");
    }
    return Number(raw);
  };
  return { offset: number(query.offset, 0, 1e9, "offset"), limit: number(query.limit, DEFAULT_PREVIEW_LIMIT, MAX_PREVIEW_LIMIT, "limit") };
}

// The per-row lists of a plan; the rest (columns, notes, counts) is small by construction.
const ROW_LISTS = ["add", "update", "unchanged", "rejected", "skipped", "guardianAdd", "guardianUpdate", "issues"] as const;

/**
 * The plan with each per-row list cut to the page, so a preview answer stays bounded
 * (≈100 rows of each kind, well under a megabyte) whatever the file; the summary keeps
 * the full counts and `more` says whether any list goes on past the page.
 */
export function pagePlan(plan: ImportPlan, page: PreviewPage): { plan: ImportPlan; page: PreviewPage & { more: boolean } } {
  const paged = { ...plan };
  let more = false;
  for (const key of ROW_LISTS) {
    const list = plan[key] as unknown[];
    if (list.length > page.offset + page.limit) more = true;
    (paged as Record<string, unknown>)[key] = list.slice(page.offset, page.offset + page.limit);
  }
  return { plan: paged, page: { ...page, more } };
}

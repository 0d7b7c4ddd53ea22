// A class list from a school names children of several villages; an import into one
// village's roster must not take another village's children without a word.
import { foldName } from "@roster/rules";
import type { ImportPlan } from "./import-plan";

// Words that name the kind of village, not the village: "Thôn Đông" and "Đông" are one.
const KIND_WORDS = /^(thon|xom|ban|ap|khu pho|to dan pho|tdp|to|khom|buon|lang|khu|so)\s+/;

/** A village name reduced to what names it: folded, without "thôn", "xóm", "tổ dân phố"… */
export function villageKey(name: string): string {
  let key = foldName(name).replace(/[.,]/g, " ").replace(/\s+/g, " ").trim();
  for (let previous = ""; previous !== key; ) {
    previous = key;
    key = key.replace(KIND_WORDS, "");
  }
  return key;
}

/** A row of the file whose village column names another village than the roster's. */
export interface OtherVillageRow {
  row: number;
  /** The child's name as the file gives it. */
  fullName: string;
  /** The village the file names. */
  village: string;
}

/**
 * The rows that would add or update a child whose village column names a village other
 * than `rosterVillage` (folded, kind words ignored), in row order. Rows with no village
 * keep the roster's.
 */
export function otherVillageRows(plan: ImportPlan, rosterVillage: string): OtherVillageRow[] {
  const own = villageKey(rosterVillage);
  const out: OtherVillageRow[] = [];
  const check = (row: number, fullName: string, village: unknown) => {
    if (typeof village !== "string" || village.trim() === "") return;
    if (villageKey(village) !== own) out.push({ row, fullName, village });
  };
  for (const add of plan.add) check(add.row, add.fields.fullName ?? "", add.fields.village);
  for (const update of plan.update) {
    const change = update.changes.find((c) => c.field === "village");
    const name = update.changes.find((c) => c.field === "fullName");
    check(update.row, typeof name?.to === "string" ? name.to : "", change?.to);
  }
  return out.sort((a, b) => a.row - b.row);
}

/**
 * `plan` without the children of `rows` (added or updated), and without the guardians only
 * those rows named: the rows are reported as skipped, nothing of theirs is written.
 */
export function excludeRows(plan: ImportPlan, rows: ReadonlySet<number>, reason: ImportPlan["skipped"][number]["reason"]): ImportPlan {
  if (rows.size === 0) return plan;
  const add = plan.add.filter((a) => !rows.has(a.row));
  const update = plan.update.filter((u) => !rows.has(u.row));
  const keep = (guardianRows: readonly number[]) => guardianRows.some((r) => !rows.has(r));
  return {
    ...plan,
    add,
    update,
    guardianAdd: plan.guardianAdd.filter((g) => keep(g.rows)),
    guardianUpdate: plan.guardianUpdate.filter((g) => keep(g.rows)),
    issues: plan.issues.filter((i) => !rows.has(i.row)),
    skipped: [...plan.skipped, ...[...rows].sort((a, b) => a - b).map((row) => ({ row, reason }))],
  };
}

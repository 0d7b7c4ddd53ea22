import { z } from "zod";
import { ChildSchema } from "@roster/schema";
import { foldName, nameSortKey } from "@roster/rules";
import { pendingRow, type ChildRow } from "./child-row";
import type { RosterSnapshot } from "./roster-state";

/**
 * How many rows of the list the device keeps for its first screen: a phone shows about
 * twelve 68-pixel rows, a desk screen fifteen; the rest allows a first scroll.
 */
export const FIRST_SCREEN_ROWS = 40;

/** What a list row needs to be drawn before the rules have run (see `ChildListItem`). */
const FirstScreenRowSchema = ChildSchema.pick({ id: true, fullName: true, dob: true, school: true, grade: true });

/**
 * The head of a roster's unfiltered list (children not removed, in class-list order) and
 * how many children it has, as last shown to this person. Kept on the device so that
 * opening the app draws the list at once, while the roster's document (thousands of
 * children) is still being decoded. Whose it is travels with it: it is never shown to
 * another person or for another roster.
 */
export const FirstScreenSchema = z.object({
  userId: z.string(),
  rosterId: z.string(),
  /** Children not removed, in the whole roster. */
  total: z.number().int().nonnegative(),
  rows: z.array(FirstScreenRowSchema),
});
export type FirstScreen = z.infer<typeof FirstScreenSchema>;

/** The first screen of `rows` (a snapshot's rows: every child, in class-list order). */
export function firstScreenOf(rows: readonly ChildRow[], owner: { userId: string; rosterId: string }): FirstScreen {
  const head: FirstScreen["rows"] = [];
  let total = 0;
  for (const { child } of rows) {
    if (child.removed === true) continue;
    total += 1;
    if (head.length < FIRST_SCREEN_ROWS) {
      head.push({ id: child.id, fullName: child.fullName, dob: child.dob, school: child.school, grade: child.grade });
    }
  }
  return { ...owner, total, rows: head };
}

/**
 * What the list shows from a kept first screen: its rows, each `pending` (the rules have
 * not run), and `partial` saying how many there are in all. Nothing else is known yet.
 */
export function firstScreenSnapshot(screen: FirstScreen, asOf: string): RosterSnapshot {
  const rows = screen.rows.map((child) => {
    const name = child.fullName ?? "";
    return pendingRow(child, { folded: foldName(name), sortKey: nameSortKey(name) });
  });
  return {
    rows,
    byId: new Map(rows.map((row) => [row.child.id, row])),
    guardians: {},
    guardianList: [],
    usage: new Map(),
    conflicts: [],
    facets: { schools: [], grades: [], codes: [] },
    asOf,
    partial: { total: screen.total },
  };
}

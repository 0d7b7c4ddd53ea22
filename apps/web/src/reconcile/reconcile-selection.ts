// What police ticked on the reconcile screen, kept as plain immutable data so the screen
// re-renders from it and a unit test can check the decisions it sends.
import type { ReconcileDecisions, ReconcileField, ReconcilePreview } from "@roster/schema";

export interface ReconcileSelection {
  verify: ReadonlySet<string>;
  /** `childId|field` of each national value to take. */
  accept: ReadonlySet<string>;
  add: ReadonlySet<number>;
  /** Likely matches confirmed: row → child. */
  confirm: ReadonlyMap<number, string>;
}

export const acceptKey = (childId: string, field: ReconcileField) => `${childId}|${field}`;

/** Children whose every compared value agrees: the group police verify in one action. */
export function agreeing(preview: ReconcilePreview): string[] {
  return preview.matched.filter((m) => m.differences.length === 0).map((m) => m.childId);
}

/** Nothing ticked but the agreeing group, ready to verify. */
export function initialSelection(preview: ReconcilePreview): ReconcileSelection {
  return { verify: new Set(agreeing(preview)), accept: new Set(), add: new Set(), confirm: new Map() };
}

function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

export function withVerify(selection: ReconcileSelection, childIds: readonly string[], on: boolean): ReconcileSelection {
  let verify: ReadonlySet<string> = selection.verify;
  for (const id of childIds) verify = toggled(verify, id, on);
  return { ...selection, verify };
}

/** Ticks (or unticks) national values; taking every value of a child also ticks it for verification. */
export function withAccept(
  selection: ReconcileSelection,
  preview: ReconcilePreview,
  picks: readonly { childId: string; field: ReconcileField }[],
  on: boolean,
): ReconcileSelection {
  let accept: ReadonlySet<string> = selection.accept;
  for (const { childId, field } of picks) accept = toggled(accept, acceptKey(childId, field), on);
  let verify: ReadonlySet<string> = selection.verify;
  for (const childId of new Set(picks.map((p) => p.childId))) {
    const match = preview.matched.find((m) => m.childId === childId);
    const all = !!match && match.differences.every((d) => accept.has(acceptKey(childId, d.field)));
    verify = toggled(verify, childId, on && all);
  }
  return { ...selection, accept, verify };
}

export function withAdd(selection: ReconcileSelection, rows: readonly number[], on: boolean): ReconcileSelection {
  let add: ReadonlySet<number> = selection.add;
  for (const row of rows) add = toggled(add, row, on);
  return { ...selection, add };
}

export function withConfirm(selection: ReconcileSelection, row: number, childId: string, on: boolean): ReconcileSelection {
  const confirm = new Map(selection.confirm);
  if (on) confirm.set(row, childId);
  else if (confirm.get(row) === childId) confirm.delete(row);
  return { ...selection, confirm };
}

/** The API's decisions for this selection. */
export function decisionsOf(selection: ReconcileSelection): ReconcileDecisions {
  return {
    verify: [...selection.verify],
    accept: [...selection.accept].map((key) => {
      const bar = key.lastIndexOf("|");
      return { childId: key.slice(0, bar), field: key.slice(bar + 1) as ReconcileField };
    }),
    add: [...selection.add].sort((a, b) => a - b),
    confirm: [...selection.confirm].map(([row, childId]) => ({ row, childId })),
  };
}

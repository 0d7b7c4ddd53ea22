import type { Child, ChildField, ChildFields, FieldValue, LocalizedText } from "@roster/schema";
import { targetLabel, type ColumnTarget } from "./column-targets";
import { sameValue } from "./field-equality";
import type { FieldChange } from "./import-plan";
import { wouldSpoil } from "./keep-valid";
import { ROW_MESSAGES } from "./messages";

/**
 * The changes a row's values make to a stored child: every field the row gives that
 * says something else (`sameValue`). A blank cell never clears a stored value, and a
 * value the rules accept is never replaced by one they reject (a warning says so).
 */
export function childChanges(stored: Child, incoming: ChildFields): { changes: FieldChange<ChildField>[]; kept: LocalizedText[] } {
  const changes: FieldChange<ChildField>[] = [];
  const kept: LocalizedText[] = [];
  const holder = { dob: incoming.dob ?? stored.dob, gender: incoming.gender ?? stored.gender };
  for (const [field, value] of Object.entries(incoming) as [ChildField, FieldValue | undefined][]) {
    if (value === undefined || value === null) continue;
    const current = stored[field] as FieldValue | undefined;
    if (sameValue(field, current, value)) continue;
    if (wouldSpoil(field, current, value, holder)) {
      kept.push(ROW_MESSAGES.keptValidValue(targetLabel(field as ColumnTarget), String(current)));
      continue;
    }
    changes.push({ field, from: current, to: value });
  }
  return { changes, kept };
}

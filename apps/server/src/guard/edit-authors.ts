import { RECORDS_LAYOUT } from "@roster/doc";
import * as Y from "yjs";
import type { ChangeContext } from "../audit/change-origin";
import { describeValue, type Repair } from "./repair";

/**
 * Gives the sender's real identity to the edit-log entries of this update that name
 * someone else (`a` another user id, or `n` a name that is not the sender's).
 *
 * An entry is one element of an item of the `edits` array and its `i` names that item's
 * Yjs position, which other entries' `p` lists refer to: so the item is deleted and its
 * entries are appended again, unchanged but for `a`/`n`, keeping every `i` and `p`. The
 * log index (packages/doc) removes the deleted entries before adding the new ones of a
 * transaction, so every peer ends with the same heads and conflicts, now with true names.
 */
export function repairEditAuthors(
  doc: Y.Doc,
  transaction: Y.Transaction,
  structs: readonly Y.AbstractStruct[],
  user: ChangeContext["user"],
  beforeWrite: () => void,
): Repair[] {
  const edits = doc.getArray<unknown>(RECORDS_LAYOUT.edits);
  const name = user.displayName ?? user.username;
  const names = new Set([name, user.username]);
  const repairs: Repair[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.parent !== edits || struct.deleted || !(struct.content instanceof Y.ContentAny)) continue;
    const entries = struct.content.getContent();
    let forged = false;
    const fixed = entries.map((raw) => {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
      const entry = raw as Record<string, unknown>;
      if (entry.a === user.id && typeof entry.n === "string" && names.has(entry.n)) return raw;
      forged = true;
      repairs.push({
        kind: entry.k === "g" ? "guardian" : "child",
        id: typeof entry.r === "string" ? entry.r : "",
        field: `${typeof entry.f === "string" ? entry.f : "?"}:author`,
        attempted: describeValue(`${String(entry.n)} (${String(entry.a)})`),
        restored: `${name} (${user.id})`,
      });
      return { ...entry, a: user.id, n: name };
    });
    if (!forged) continue;
    beforeWrite();
    struct.delete(transaction);
    // push, not insert(length): the update just integrated remote items, and Yjs' index
    // cache is only brought up to date when the transaction ends; push follows the links.
    edits.push(fixed);
  }
  return repairs;
}

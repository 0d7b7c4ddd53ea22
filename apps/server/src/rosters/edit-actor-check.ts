import { RECORDS_LAYOUT } from "@roster/doc";
import * as Y from "yjs";
import { contextOf } from "../audit/change-origin";
import type { Logger } from "../observability/logger";

/** What the check has seen, for tests and logs. */
export interface EditActorStats {
  /** Edit-log entries a connection wrote in someone else's name. */
  mismatched: number;
}

/**
 * Watches the edit-log entries (`edits`, field `a` = actor id) that authenticated writers
 * add to a records document and logs those whose actor is not the writer's user id.
 *
 * Why only a check: the log entry is the client's own Yjs item and its id is its Yjs
 * position (conflict detection and `compactEditLog` rely on that), so the server cannot
 * rewrite `a`/`n` without breaking both. The names in the log are shown next to
 * conflicting values; the audit log, which records the connection's authenticated user
 * for every field, stays the authority on who changed what. Only the transaction's new
 * structs are read, never the whole log. One warning per connection.
 */
export function checkEditActors(rosterId: string, doc: Y.Doc, logger: Logger): { stop: () => void; stats: EditActorStats } {
  const edits = doc.getArray<unknown>(RECORDS_LAYOUT.edits);
  const stats: EditActorStats = { mismatched: 0 };
  // One line per connection (the origin), however many entries it writes: a client must
  // not be able to flood the log.
  const reported = new WeakSet<object>();
  const onAfterTransaction = (transaction: Y.Transaction) => {
    const context = contextOf(transaction.origin);
    if (!context) return;
    const claimed = new Set<string>();
    let mismatched = 0;
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = doc.store.clients.get(client) ?? [];
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i];
        if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== edits) continue;
        for (const entry of struct.content.getContent()) {
          const actor = typeof entry === "object" && entry !== null ? (entry as { a?: unknown }).a : undefined;
          if (typeof actor === "string" && actor !== context.user.id) {
            mismatched++;
            claimed.add(actor);
          }
        }
      }
    }
    if (mismatched === 0) return;
    stats.mismatched += mismatched;
    const origin = transaction.origin as object;
    if (reported.has(origin)) return;
    reported.add(origin);
    logger.warn("sync.edit_actor_mismatch", { rosterId, user: context.user.id, claimed: [...claimed].slice(0, 5), entries: mismatched });
  };
  doc.on("afterTransaction", onAfterTransaction);
  return { stop: () => doc.off("afterTransaction", onAfterTransaction), stats };
}

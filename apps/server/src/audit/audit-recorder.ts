import * as Y from "yjs";
import { importsAddedIn } from "@roster/doc";
import type { AuditEntry, FieldValue } from "@roster/schema";
import type { AuditStore } from "../storage/store";
import type { Logger } from "../observability/logger";
import { contextOf } from "./change-origin";

type Kind = "child" | "guardian";

/** Turns the field changes of one transaction into audit entries (pure, for testing). */
export function auditEntriesOf(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  collections: { children: Y.Map<unknown>; guardians: Y.Map<unknown> },
  who: { user: string; source?: string },
  at: string,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const push = (kind: Kind, id: string, field: string, from: unknown, to: unknown) => {
    const entry: AuditEntry = { at, user: who.user, childId: id, field, from: asValue(from), to: asValue(to), kind };
    if (who.source) entry.source = who.source;
    if (entry.from !== entry.to) entries.push(entry);
  };
  for (const event of events) {
    const target = event.target;
    const top = target === collections.children ? "child" : target === collections.guardians ? "guardian" : undefined;
    if (top) {
      // A record added (or, by an outside client, deleted) as a whole.
      for (const [id, change] of event.changes.keys) {
        if (change.action === "add" || change.action === "update") {
          const record = (target as Y.Map<unknown>).get(id);
          if (record instanceof Y.Map) {
            for (const [field, value] of record.entries()) push(top, id, field, null, value);
          }
        } else if (change.action === "delete") {
          push(top, id, "*", "record", null);
        }
      }
      continue;
    }
    const parent = target.parent;
    const kind: Kind | undefined =
      parent === collections.children ? "child" : parent === collections.guardians ? "guardian" : undefined;
    if (!kind || !(target instanceof Y.Map)) continue;
    const id = (target._item?.parentSub ?? "") as string;
    for (const [field, change] of event.changes.keys) {
      const to = change.action === "delete" ? null : target.get(field);
      push(kind, id, field, change.action === "add" ? null : change.oldValue, to);
    }
  }
  return entries;
}

function asValue(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  // Outside clients may write numbers or objects; keep what they wrote, as text.
  return JSON.stringify(value);
}

// Both observers (children, guardians) see the same transaction: look its import up once.
const importSources = new WeakMap<Y.Transaction, string | null>();

/**
 * The file a transaction imported, when it appended an `imports` entry: an import applied
 * in the app (offline too) reaches the server as a sync update holding the writes and the
 * entry together, so its audit entries name the file like a server-side import's do.
 */
export function importSourceOf(transaction: Y.Transaction): string | undefined {
  let source = importSources.get(transaction);
  if (source === undefined) {
    const added = importsAddedIn(transaction);
    source = added.length === 0 ? null : added.map((entry) => entry.file).join(", ");
    importSources.set(transaction, source);
  }
  return source ?? undefined;
}

/**
 * Calls `onEntries` with the audit entries of every transaction on a records document
 * that someone made (its origin carries a `ChangeContext`). Returns a function that stops.
 */
export function observeAudit(doc: Y.Doc, onEntries: (entries: AuditEntry[]) => void, now: () => Date = () => new Date()): () => void {
  const children = doc.getMap<unknown>("children");
  const guardians = doc.getMap<unknown>("guardians");
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const context = contextOf(transaction.origin);
    if (!context) return;
    const source = context.source ?? importSourceOf(transaction);
    const who = { user: context.user.username, ...(source ? { source } : {}) };
    const entries = auditEntriesOf(events, { children, guardians }, who, now().toISOString());
    if (entries.length > 0) onEntries(entries);
  };
  children.observeDeep(observer);
  guardians.observeDeep(observer);
  return () => {
    children.unobserveDeep(observer);
    guardians.unobserveDeep(observer);
  };
}

/**
 * Appends every accepted change to a roster's records document to the audit log, with the
 * user the server authenticated for the connection (never a name the client claims).
 * Returns a function that stops recording.
 */
export function recordAudit(
  rosterId: string,
  doc: Y.Doc,
  store: AuditStore,
  logger: Logger,
  now: () => Date = () => new Date(),
): () => void {
  return observeAudit(
    doc,
    (entries) => {
      store.appendAudit(rosterId, entries).catch((error: unknown) => {
        logger.error("audit.append_failed", { rosterId, error: error instanceof Error ? error : String(error) });
      });
    },
    now,
  );
}

import * as Y from "yjs";
import { importsAddedIn } from "@roster/doc";
import type { AuditEntry, FieldValue } from "@roster/schema";
import type { Repair } from "../guard/repair";
import { recordBefore } from "../guard/yjs-items";
import type { UpdateAudit } from "../storage/store";
import { contextOf } from "./change-origin";

type Kind = "child" | "guardian";

/** Turns the field changes of one transaction into audit entries (pure, for testing). */
export function auditEntriesOf(
  transaction: Y.Transaction,
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
      // A record added, replaced (the guard put a deleted one back) or deleted as a whole.
      for (const [id, change] of event.changes.keys) {
        if (change.action === "add" || change.action === "update") {
          const record = (target as Y.Map<unknown>).get(id);
          const before = change.action === "update" && change.oldValue instanceof Y.Map ? recordBefore(transaction, change.oldValue) : new Map<string, unknown>();
          if (record instanceof Y.Map) {
            for (const [field, value] of record.entries()) push(top, id, field, before.get(field) ?? null, value);
            for (const [field, value] of before) if (!record.has(field)) push(top, id, field, value, null);
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
export function observeAudit(
  doc: Y.Doc,
  onEntries: (entries: AuditEntry[], transaction: Y.Transaction) => void,
  now: () => Date = () => new Date(),
): () => void {
  const children = doc.getMap<unknown>("children");
  const guardians = doc.getMap<unknown>("guardians");
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const context = contextOf(transaction.origin);
    if (!context) return;
    const source = context.source ?? importSourceOf(transaction);
    const who = { user: context.user.username, ...(source ? { source } : {}) };
    const entries = auditEntriesOf(transaction, events, { children, guardians }, who, now().toISOString());
    if (entries.length > 0) onEntries(entries, transaction);
  };
  children.observeDeep(observer);
  guardians.observeDeep(observer);
  return () => {
    children.unobserveDeep(observer);
    guardians.unobserveDeep(observer);
  };
}

/**
 * The audit of a roster's records document, handed to its room as the `journal` hook:
 * the entries of each accepted change (with the user the server authenticated for the
 * connection, never a name the client claims) and of the guard's repairs of it, stored
 * in the same commit as the change's update.
 */
export class AuditJournal {
  private readonly pending = new WeakMap<Y.Transaction, AuditEntry[]>();

  constructor(
    private readonly rosterId: string,
    private readonly repairsIn: (transaction: Y.Transaction) => readonly Repair[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Derives entries from the document's transactions, from now on and for as long as the doc lives. */
  observe(doc: Y.Doc): void {
    // Called once per observed map (children, guardians) of a transaction: entries add up.
    observeAudit(doc, (entries, transaction) => this.pending.set(transaction, [...(this.pending.get(transaction) ?? []), ...entries]), this.now);
  }

  /** The entries of one transaction's update; called by the room once per update. */
  readonly journal = (transaction: Y.Transaction): UpdateAudit | undefined => {
    const entries = this.pending.get(transaction) ?? [];
    const repairs = this.repairsIn(transaction);
    const context = repairs.length > 0 ? contextOf(transaction.origin) : undefined;
    if (context) {
      const at = this.now().toISOString();
      for (const r of repairs) {
        entries.push({ at, user: context.user.username, childId: r.id, kind: r.kind, field: r.field, from: r.attempted, to: r.restored, source: SERVER_REPAIR });
      }
    }
    return entries.length > 0 ? { rosterId: this.rosterId, entries } : undefined;
  };
}

/** The audit `source` of the guard's repairs. */
export const SERVER_REPAIR = "server-repair";

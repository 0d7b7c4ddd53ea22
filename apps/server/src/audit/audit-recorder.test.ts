import { RosterRecords, createRecordsDoc } from "@roster/doc";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type { Repair } from "../guard/repair";
import { AuditJournal, SERVER_REPAIR } from "./audit-recorder";

const user = { id: "u-school", username: "a.school", displayName: "Cô Hạnh" };

describe("AuditJournal", () => {
  it("hands over the entries of children and guardians changed in one transaction, and the guard's repairs", () => {
    const doc = createRecordsDoc();
    const records = new RosterRecords(doc);
    const repairs = new WeakMap<Y.Transaction, Repair[]>();
    const journal = new AuditJournal("thon-dong", (t) => repairs.get(t) ?? [], () => new Date("2026-12-04T10:00:00Z"));
    journal.observe(doc);
    const handed: unknown[] = [];
    doc.on("update", (_u: Uint8Array, _o: unknown, _d: Y.Doc, transaction: Y.Transaction) => handed.push(journal.journal(transaction)));
    doc.on("beforeObserverCalls", (transaction: Y.Transaction) => {
      repairs.set(transaction, [{ kind: "child", id: "c-x", field: "dob", attempted: "10/03/2015", restored: "2015-03-10" }]);
    });
    doc.transact(() => {
      records.createChild({ fullName: "Lò Văn Pấng" });
      records.createGuardian({ fullName: "Lò Thị Mai" });
    }, { context: { user } });
    expect(handed).toHaveLength(1);
    const audit = handed[0] as { rosterId: string; entries: { field: string; kind?: string; source?: string; user: string }[] };
    expect(audit.rosterId).toBe("thon-dong");
    expect(audit.entries.map((e) => [e.kind, e.field, e.source ?? "sync"]).sort()).toEqual(
      [
        ["child", "fullName", "sync"],
        ["guardian", "fullName", "sync"],
        ["child", "dob", SERVER_REPAIR],
      ].sort(),
    );
    expect(new Set(audit.entries.map((e) => e.user))).toEqual(new Set([user.username]));
  });

  it("hands over nothing for a transaction nobody made (loading, server marks)", () => {
    const doc = createRecordsDoc();
    const journal = new AuditJournal("thon-dong", () => []);
    journal.observe(doc);
    const handed: unknown[] = [];
    doc.on("update", (_u: Uint8Array, _o: unknown, _d: Y.Doc, transaction: Y.Transaction) => handed.push(journal.journal(transaction)));
    new RosterRecords(doc).createChild({ fullName: "Lò Văn Pấng" });
    expect(handed).toEqual([undefined]);
  });
});

import type { AuditEntry } from "@roster/schema";
import { expect, it } from "vitest";
import type { HarnessRef } from "./store-contract";
import { loadDocUpdates } from "./stored-doc";

const at = (minute: number) => `2026-06-08T08:${String(minute).padStart(2, "0")}:00.000Z`;

const ENTRIES: AuditEntry[] = [
  { at: at(1), user: "hung.tran", childId: "V1StGXR8", field: "fullName", from: "Nguyen Van An", to: "Nguyễn Văn An", kind: "child" },
  { at: at(2), user: "hung.tran", childId: "V1StGXR8", field: "dob", from: null, to: "2017-03-15", kind: "child" },
  { at: at(3), user: "mai.le", childId: "Z_sl6Uc2", field: "healthBook", from: false, to: true },
  { at: at(4), user: "lan.nguyen", childId: "g-V1StGXR8", field: "phone", from: "", to: "0912345678", kind: "guardian" },
  { at: at(5), user: "import", childId: "V1StGXR8", field: "pid", from: "079217001234", to: null, source: "lop-3a.xlsx" },
];

/** The audit log: append, list, filter, and exact value types. */
export function auditContract(ref: HarnessRef): void {
  it("lists nothing for a roster without entries", async () => {
    expect(await ref().store.listAudit("thon-dong")).toEqual([]);
  });

  it("lists a roster's entries oldest first, across calls, and no other roster's", async () => {
    const { store } = ref();
    await store.appendAudit("thon-dong", ENTRIES.slice(0, 2));
    await store.appendAudit("thon-tay", [ENTRIES[2] as AuditEntry]);
    await store.appendAudit("thon-dong", ENTRIES.slice(2));
    await store.appendAudit("thon-dong", []);
    expect(await store.listAudit("thon-dong")).toStrictEqual(ENTRIES);
    expect(await store.listAudit("thon-tay")).toStrictEqual([ENTRIES[2]]);
  });

  it("filters by child (or guardian) id", async () => {
    const { store } = ref();
    await store.appendAudit("thon-dong", ENTRIES);
    await store.appendAudit("thon-tay", ENTRIES);
    expect(await store.listAudit("thon-dong", { childId: "V1StGXR8" })).toStrictEqual([ENTRIES[0], ENTRIES[1], ENTRIES[4]]);
    expect(await store.listAudit("thon-dong", { childId: "g-V1StGXR8" })).toStrictEqual([ENTRIES[3]]);
    expect(await store.listAudit("thon-dong", { childId: "khong-co" })).toEqual([]);
  });

  it("with a limit, answers the newest entries, still oldest first", async () => {
    const { store } = ref();
    await store.appendAudit("thon-dong", ENTRIES);
    expect(await store.listAudit("thon-dong", { limit: 2 })).toStrictEqual(ENTRIES.slice(3));
    expect(await store.listAudit("thon-dong", { childId: "V1StGXR8", limit: 2 })).toStrictEqual([ENTRIES[1], ENTRIES[4]]);
    expect(await store.listAudit("thon-dong", { limit: 50 })).toStrictEqual(ENTRIES);
  });

  // The audit shows "from" and "to"; a string "true" must not come back as a boolean,
  // nor "" as null: both would misreport what a person did.
  it.each<[AuditEntry["from"], AuditEntry["to"]]>([
    ["true", true],
    [false, "false"],
    ["", null],
    [null, ""],
    ["null", null],
    ["Đặng Thị Ánh Tuyết", "Đặng Thị Ánh Tuyết "],
  ])("keeps the exact values and types of from %j and to %j", async (from, to) => {
    const { store } = ref();
    const entry: AuditEntry = { at: at(9), user: "mai.le", childId: "p0LmN4tQ", field: "note", from, to };
    await store.appendAudit("thon-dong", [entry]);
    const [back] = await store.listAudit("thon-dong");
    expect(back).toStrictEqual(entry);
    expect(typeof back?.from).toBe(typeof from);
    expect(typeof back?.to).toBe(typeof to);
  });

  it("keeps the order of concurrent calls", async () => {
    const { store } = ref();
    await Promise.all([store.appendAudit("thon-dong", ENTRIES.slice(0, 3)), store.appendAudit("thon-dong", ENTRIES.slice(3))]);
    expect(await store.listAudit("thon-dong")).toStrictEqual(ENTRIES);
  });

  it("rejects a call with a malformed entry, stores none of its entries, and spares a concurrent call", async () => {
    const { store } = ref();
    const malformed = { ...ENTRIES[1], to: undefined } as unknown as AuditEntry;
    const [bad, good] = await Promise.allSettled([
      store.appendAudit("thon-dong", [ENTRIES[0] as AuditEntry, malformed]),
      store.appendAudit("thon-dong", [ENTRIES[2] as AuditEntry]),
    ]);
    expect(bad?.status).toBe("rejected");
    expect(good?.status).toBe("fulfilled");
    expect(await store.listAudit("thon-dong")).toStrictEqual([ENTRIES[2]]);
  });

  it("stores an update's audit entries with the update, in one commit", async () => {
    const { store } = ref();
    const update = Uint8Array.of(0, 0);
    await store.appendUpdate("records:thon-dong", update, { rosterId: "thon-dong", entries: ENTRIES.slice(0, 2) });
    await store.appendUpdate("records:thon-dong", Uint8Array.of(0, 1), { rosterId: "thon-dong", entries: [] });
    expect(await loadDocUpdates(store, "records:thon-dong")).toHaveLength(2);
    expect(await store.listAudit("thon-dong")).toStrictEqual(ENTRIES.slice(0, 2));
  });

  it("refuses an update whose audit entry is malformed and stores neither", async () => {
    const { store } = ref();
    const malformed = { ...ENTRIES[1], from: 5 } as unknown as AuditEntry;
    await expect(
      store.appendUpdate("records:thon-dong", Uint8Array.of(0, 0), { rosterId: "thon-dong", entries: [ENTRIES[0] as AuditEntry, malformed] }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(await loadDocUpdates(store, "records:thon-dong")).toEqual([]);
    expect(await store.listAudit("thon-dong")).toEqual([]);
  });
}

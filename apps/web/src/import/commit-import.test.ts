import { describe, expect, it } from "vitest";
import { createRecordsDoc, listImports, RosterRecords } from "@roster/doc";
import { applyImportPlan, exportCleanedList, findHeaderRow, guessMapping, planImport, readWorkbook, tableToCsv } from "@roster/spreadsheet";
import type { Child, Guardian } from "@roster/schema";
import { generateRoster } from "@roster/synth";
import * as Y from "yjs";
import { SCHOOL_LIST_FILE, schoolListXlsx } from "../../e2e/support/school-list";
import { changedSince, commitImport, docVersion } from "./commit-import";

const actor = { id: "u1", name: "GV" };

async function planOf(bytes: Uint8Array, fileName: string, records: RosterRecords) {
  const table = await readWorkbook(bytes, fileName);
  const header = findHeaderRow(table.rows)!;
  const mapping = guessMapping(header.cells);
  return planImport(table, mapping, { children: records.listChildren(), guardians: records.guardiansById() }, { asOf: "2026-11-23", fileName, header });
}

function content(records: RosterRecords) {
  const guardians = records.guardiansById();
  const nameOf = (id: string | null | undefined) => (id ? guardians[id]?.fullName : undefined);
  return records
    .listChildren()
    .map(({ id: _id, motherId, fatherId, guardianId, ...fields }) => ({ ...fields, mother: nameOf(motherId), father: nameOf(fatherId), guardian: nameOf(guardianId) }))
    .sort((a, b) => (a.fullName ?? "").localeCompare(b.fullName ?? ""));
}

describe("commitImport", () => {
  it("writes a large plan in parts, each one transaction with its log entry, with the same result as one", async () => {
    const bytes = await schoolListXlsx();
    const whole = new RosterRecords(createRecordsDoc());
    commitImport(applyImportPlan, whole, await planOf(bytes, SCHOOL_LIST_FILE, whole), actor);

    const doc = createRecordsDoc();
    const parts = new RosterRecords(doc);
    const plan = await planOf(bytes, SCHOOL_LIST_FILE, parts);
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const applied = commitImport(applyImportPlan, parts, plan, actor, new Date(), 1);
    expect(transactions).toBe(3);
    expect(applied.result).toEqual({ added: 3, updated: 0, rejected: [expect.objectContaining({ row: 9 })] });
    expect(listImports(doc).map((e) => [e.file, e.added, e.rejected])).toEqual([
      [SCHOOL_LIST_FILE, 1, 1],
      [SCHOOL_LIST_FILE, 1, 0],
      [SCHOOL_LIST_FILE, 1, 0],
    ]);
    // Siblings in different parts still share one mother record.
    const children = parts.listChildren();
    const binh = children.find((c) => c.fullName === "Lò Văn Bình");
    const cuc = children.find((c) => c.fullName === "Quàng Thị Cúc");
    expect(binh?.motherId).toBeTruthy();
    expect(cuc?.motherId).toBe(binh?.motherId);
    expect(content(parts)).toEqual(content(whole));
  });

  it("writes a 2,500-row import as one change, and in parts below a given size when asked", async () => {
    const { children, guardians } = generateRoster({ seed: 11, children: 2_500, village: "Thôn Tây" });
    const byId: Record<string, Guardian> = Object.fromEntries(guardians.map((g) => [g.id, g]));
    const csv = tableToCsv(exportCleanedList(children as Child[], byId));
    const doc = createRecordsDoc();
    const records = new RosterRecords(doc);
    const plan = await planOf(csv, "ds.csv", records);
    const updates: number[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update.length));
    const applied = commitImport(applyImportPlan, records, plan, actor);
    expect(updates).toHaveLength(1);
    // ≈0.9 kB per row: 10,000 rows (PART_ROWS) stay far below the 32 MiB message limit.
    expect((updates[0] as number) / 2_500).toBeLessThan(1_600);
    expect(records.listChildren()).toHaveLength(applied.result.added);
    expect(applied.result.added).toBe(plan.add.length);

    const partsDoc = createRecordsDoc();
    const partsRecords = new RosterRecords(partsDoc);
    const partSizes: number[] = [];
    partsDoc.on("update", (update: Uint8Array) => partSizes.push(update.length));
    commitImport(applyImportPlan, partsRecords, await planOf(csv, "ds.csv", partsRecords), actor, new Date(), 1_250);
    expect(partSizes).toHaveLength(2);
    expect(partsRecords.listChildren()).toHaveLength(applied.result.added);
  }, 60_000);

  it("tells whether a document changed since a version", () => {
    const doc = createRecordsDoc();
    const version = docVersion(doc);
    expect(changedSince(doc, version)).toBe(false);
    new RosterRecords(doc).createChild({ fullName: "An" });
    expect(changedSince(doc, version)).toBe(true);
    expect(changedSince(doc, Y.encodeStateVector(doc))).toBe(false);
  });
});

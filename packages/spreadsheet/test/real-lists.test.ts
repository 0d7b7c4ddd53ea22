// The lists people really send (issue 11), each kind in a fixture of its own: read and
// planned as the app's worker, the server and the CLI do, nothing saved wrong in silence.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Child, Guardian } from "@roster/schema";
import { evaluateRoster } from "@roster/rules";
import { findHeaderRow } from "../src/find-header-row";
import { guessMapping } from "../src/guess-mapping";
import type { ImportPlan } from "../src/import-plan";
import { planImport } from "../src/plan-import";
import { readWorkbook, type ReadWorkbookOptions } from "../src/read-workbook";
import type { FixtureFile } from "./fixture-files";
import {
  CLASSES_EXPECTED,
  MIXED_LEGACY_EXPECTED,
  MONTH_FIRST_ROW_EXPECTED,
  OLD_XLS_EXPECTED,
  REIMPORT_EXPECTED,
  SPLIT_DATE_EXPECTED,
  US_EXCEL_EXPECTED,
  VILLAGE_LIST_EXPECTED,
  classesXlsx,
  mixedLegacyXlsx,
  monthFirstRowCsv,
  oldXls,
  realListFixtures,
  reimportCsvs,
  sameNamedParentsCsv,
  splitDateXlsx,
  usExcelXlsx,
  villageListXlsx,
} from "./real-list-files";

const AS_OF = "2025-09-05";

async function importFile(file: FixtureFile, roster: { children: Child[]; guardians: Record<string, Guardian> } = { children: [], guardians: {} }, options: ReadWorkbookOptions = {}) {
  const table = await readWorkbook(file.bytes, file.fileName, options);
  const header = findHeaderRow(table.rows)!;
  return { table, plan: planImport(table, guessMapping(header.cells), roster, { asOf: AS_OF, fileName: file.fileName, header }) };
}

const names = (plan: ImportPlan) => plan.add.map((a) => a.fields.fullName);

describe("committed real-list fixtures", () => {
  it("on disk hold what the generator makes", async () => {
    for (const built of await realListFixtures()) {
      const committed = new Uint8Array(await readFile(new URL(`../fixtures/${built.fileName}`, import.meta.url)));
      expect((await readWorkbook(committed, built.fileName)).rows, built.fileName).toEqual((await readWorkbook(built.bytes, built.fileName)).rows);
    }
  });
});

describe("real lists", () => {
  it("converts the TCVN3 names of a mixed column and leaves its Unicode names of Latin-1 letters as they are", async () => {
    expect(names((await importFile(await mixedLegacyXlsx())).plan)).toEqual(MIXED_LEGACY_EXPECTED);
  });

  it("lists every row of a village list that is not a child with its reason, and imports the children", async () => {
    const { plan } = await importFile(await villageListXlsx());
    expect(names(plan)).toEqual(VILLAGE_LIST_EXPECTED.children);
    expect(plan.rejected).toEqual([]);
    const skipped = Object.fromEntries(plan.skipped.map((s) => [s.row, s.reason.vi]));
    expect(Object.keys(skipped).map(Number)).toEqual(Object.keys(VILLAGE_LIST_EXPECTED.skipped).map(Number));
    for (const reason of Object.values(skipped)) expect(reason.length).toBeGreaterThan(5);
    expect(skipped[7]).toMatch(/cộng/i);
    expect(skipped[8]).toMatch(/tiêu đề/);
    expect(skipped[15]).toMatch(/ký tên/);
    expect(skipped[18]).toMatch(/dưới phần ký tên/);
  });

  it("reads placeholder ID and phone cells as empty and flags a letter O in an ID number precisely", async () => {
    const { plan } = await importFile(await villageListXlsx());
    const values = plan.add.flatMap((a) => [a.fields.pid]).concat(plan.guardianAdd.flatMap((g) => [g.fields.pid, g.fields.phone]));
    expect(values.filter((v) => typeof v === "string" && /[^\dO]/.test(v))).toEqual([]);
    const flagged = plan.issues.filter((i) => i.target === "pid");
    expect(flagged.map((i) => [i.row, i.level])).toEqual([[VILLAGE_LIST_EXPECTED.letterORow, "warning"]]);
    expect(flagged[0]!.message.vi).toMatch(/chữ O ở vị trí 5; nếu là số 0 thì là 020206410004/);
  });

  it("links the representative columns to the child: the parent the relation names, else a guardian record", async () => {
    const { plan } = await importFile(await villageListXlsx());
    const byName = new Map(plan.add.map((a) => [a.fields.fullName, a]));
    const guardian = (key: string | undefined) => plan.guardianAdd.find((g) => g.key === key)?.fields;
    const khoi = byName.get("Hà Minh Khôi")!;
    expect(khoi.fields.representative).toBe("father");
    expect(guardian(khoi.links.fatherId?.kind === "new" ? khoi.links.fatherId.key : undefined)).toMatchObject({ fullName: "Hà Văn Lực", phone: "0912000111" });
    const nhan = byName.get("Lục Thị Nhàn")!;
    expect(nhan.fields).toMatchObject({ representative: "guardian", guardianRelation: "Ông nội" });
    expect(guardian(nhan.links.guardianId?.kind === "new" ? nhan.links.guardianId.key : undefined)).toMatchObject({ fullName: "Lục Văn Tư", pid: "020085410002" });
  });

  it("flags the Excel date cells a US-locale Excel may have swapped, with the day-first reading, in a column of day-first text", async () => {
    const { plan } = await importFile(await usExcelXlsx());
    expect(plan.add.map((a) => [a.fields.fullName, a.fields.dob])).toEqual(US_EXCEL_EXPECTED.map((e) => [e.name, e.dob]));
    const flagged = plan.issues.filter((i) => i.review === "date");
    expect(flagged.map((i) => i.row)).toEqual(plan.add.filter((_, i) => US_EXCEL_EXPECTED[i]!.review).map((a) => a.row));
    expect(flagged.map((i) => i.message.vi.includes(US_EXCEL_EXPECTED.find((e) => e.review && e.dob === plan.add.find((a) => a.row === i.row)!.fields.dob)!.typed!))).toEqual([true, true]);
  });

  it("keeps a column day-first when one row is month-first, and flags the doubtful rows", async () => {
    const { plan } = await importFile(monthFirstRowCsv());
    expect(plan.add.map((a) => [a.fields.fullName, a.fields.dob])).toEqual(MONTH_FIRST_ROW_EXPECTED.map((e) => [e.name, e.dob]));
    expect(plan.issues.filter((i) => i.review === "date").map((i) => i.row)).toEqual([2, 3, 4]);
  });

  it("reads a date of birth split over Ngày | Tháng | Năm columns", async () => {
    const { plan } = await importFile(await splitDateXlsx());
    expect(plan.add.map((a) => [a.fields.fullName, a.fields.dob])).toEqual(SPLIT_DATE_EXPECTED.map((e) => [e.name, e.dob]));
  });

  it("reads every visible class sheet of the same shape, says which and why not the others, and lets the caller choose", async () => {
    const { table, plan } = await importFile(await classesXlsx());
    expect(plan.sheets).toEqual(CLASSES_EXPECTED.read);
    expect(plan.skippedSheets.map((s) => s.name)).toEqual(CLASSES_EXPECTED.skipped);
    expect(plan.skippedSheets.every((s) => s.reason.vi !== "" && s.reason.en !== "")).toBe(true);
    expect(plan.notes.map((n) => n.vi)).toContain("Đã đọc 3 trang: “1A”, “1B”, “2A”");
    expect(plan.add.map((a) => [a.sheet, a.fields.fullName])).toEqual([["1A", "Mạc Văn Hải"], ["1A", "Tôn Thị Lý"], ["1B", "Lạc Minh Quân"], ["2A", "Đàm Thị Xuân"]]);
    // The pupil listed again on 2A is one child: rejected as a duplicate, the sheet named.
    expect(plan.rejected.map((r) => [r.sheet, r.row, r.reasons[0]!.vi])).toEqual([["2A", 4, "Trùng với dòng 3 trang “1A” trong tệp"]]);
    expect(new Set(plan.add.map((a) => a.key)).size).toBe(plan.add.length);
    expect(table.sheetNames).toEqual(["Hướng dẫn", "1A", "1B", "2A", "Cũ"]);

    const chosen = await importFile(await classesXlsx(), undefined, { sheets: ["1B", "Cũ"] });
    expect(chosen.plan.sheets).toEqual(["1B", "Cũ"]);
    expect(names(chosen.plan)).toEqual(["Lạc Minh Quân", "Lê Văn Cũ"]);
    await expect(readWorkbook((await classesXlsx()).bytes, "x.xlsx", { sheets: ["3C"] })).rejects.toMatchObject({ code: "unknown_sheet" });
  });

  it("reads an old .xls (BIFF8) workbook: names, date cells, zero-padded ID numbers, placeholders", async () => {
    const { table, plan } = await importFile(await oldXls());
    expect(table.format).toBe("xls");
    expect(plan.add.map((a) => [a.fields.fullName, a.fields.dob, a.fields.pid])).toEqual(OLD_XLS_EXPECTED.map((e) => [e.name, e.dob, e.pid]));
  });

  it("matches a re-imported child whose ID number is two digits swapped, with a warning, instead of adding it again", async () => {
    const [first, second] = reimportCsvs();
    const { plan: initial } = await importFile(first);
    const guardians = Object.fromEntries(initial.guardianAdd.map((g) => [g.key, { ...g.fields, id: g.key }]));
    const links = initial.add[0]!.links;
    const child: Child = { ...initial.add[0]!.fields, id: "c-khanh", fatherId: links.fatherId?.kind === "new" ? links.fatherId.key : null, motherId: links.motherId?.kind === "new" ? links.motherId.key : null };
    const { plan } = await importFile(second, { children: [child], guardians });
    expect(plan.add).toEqual([]);
    expect(plan.unchanged.map((u) => u.childId)).toEqual(["c-khanh"]);
    const warning = plan.issues.find((i) => i.target === "pid");
    expect(warning?.message.vi).toContain(REIMPORT_EXPECTED.typo);
    expect(warning?.message.vi).toContain(REIMPORT_EXPECTED.pid);
    // Had both records been kept, the rules would still say they are one child.
    const twin: Child = { ...child, id: "c-khanh-2", pid: REIMPORT_EXPECTED.typo };
    expect(evaluateRoster([child, twin], guardians, { asOf: AS_OF }).get("c-khanh")!.findings.map((f) => f.code)).toContain("duplicate.person");
  });

  it("keeps apart two families whose parents share their names but not their ID numbers or phones", async () => {
    const { plan } = await importFile(sameNamedParentsCsv());
    expect(plan.guardianAdd).toHaveLength(4);
    expect(plan.add[0]!.links).not.toEqual(plan.add[1]!.links);
    expect(plan.issues).toEqual([]);
  });
});

// The sample files: the committed ones in fixtures/ are what scripts/make-fixtures.ts
// writes, and each imports as a person would expect.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { findHeaderRow } from "../src/find-header-row";
import { guessMapping } from "../src/guess-mapping";
import { planImport } from "../src/plan-import";
import { readWorkbook } from "../src/read-workbook";
import {
  CLASS_LIST_EXPECTED,
  LEGACY_NAMES_EXPECTED,
  allFixtures,
  classListXlsx,
  phoneCsv,
  pidFor,
  tcvn3Csv,
  tcvn3ListXlsx,
  vniListXlsx,
  windows1258Csv,
  type FixtureFile,
} from "./fixture-files";

const AS_OF = "2025-09-05";

async function importFixture({ bytes, fileName }: FixtureFile) {
  const table = await readWorkbook(bytes, fileName);
  const header = findHeaderRow(table.rows)!;
  const plan = planImport(table, guessMapping(header.cells), { children: [], guardians: {} }, { asOf: AS_OF, fileName, header });
  return { table, header, plan };
}

describe("committed fixtures", () => {
  it.each([0, 1, 2, 3, 4, 5])("fixture %i on disk holds what the generator makes", async (index) => {
    const built = (await allFixtures())[index]!;
    const committed = new Uint8Array(await readFile(new URL(`../fixtures/${built.fileName}`, import.meta.url)));
    expect((await readWorkbook(committed, built.fileName)).rows).toEqual((await readWorkbook(built.bytes, built.fileName)).rows);
  });
});

describe("the school class list (title block, two-row header, merged cells)", () => {
  it("finds the header under the title and maps the split name, the Nữ column and the parents", async () => {
    const { header } = await importFixture(await classListXlsx());
    expect([header.first + 1, header.last + 1]).toEqual(CLASS_LIST_EXPECTED.headerRows);
    expect(guessMapping(header.cells)).toEqual([
      "index", "fullName", "fullName", "dob", "genderFemaleMark", "ethnicity", "pid", "father.fullName", "mother.fullName", "phone", "village", "note",
    ]);
  });

  it("imports the pupils, rejects what cannot be read, skips the lines under the table", async () => {
    const { plan } = await importFixture(await classListXlsx());
    expect(plan.rejected.map((r) => r.row)).toEqual(Object.keys(CLASS_LIST_EXPECTED.rejectedRows).map(Number));
    expect(plan.add.map((a) => a.fields.fullName)).toEqual([
      "Nguyễn Văn An", "Trần Thị Bích", "Lò Văn Khánh", "Lò Thị Khuyên", "Hoàng Minh Đức", "Đặng Quốc Huy", "Vũ Thu Trang", "Ngô Gia Bảo",
    ]);
    expect(plan.skipped.map((s) => s.row)).toEqual([18, 20, 24]);
    const byName = Object.fromEntries(plan.add.map((a) => [a.fields.fullName, a.fields]));
    expect(byName["Nguyễn Văn An"]).toMatchObject({ dob: "2017-03-04", gender: "male", ethnicity: "01", pid: pidFor("036", "2017-03-04", "male", "104211"), village: "Thôn Đông" });
    expect(byName["Trần Thị Bích"]).toMatchObject({ dob: "2017-09-05", gender: "female" });
    expect(byName["Lò Văn Khánh"]?.pid).toBe("001217300101");
    expect(byName["Hoàng Minh Đức"]).toMatchObject({ dob: "2017-08-03", ethnicity: "02", pid: "001217410022" });
    // The school typed a girl's number for a boy: kept as typed, flagged, not "repaired".
    expect(byName["Đặng Quốc Huy"]?.pid).toBe("36316512340");
    expect(byName["Vũ Thu Trang"]).toMatchObject({ dob: "2017-06-14", gender: "female" });
    expect(byName["Ngô Gia Bảo"]?.ethnicity).toBe("01");
  });

  it("gives the twins one father and one mother", async () => {
    const { plan } = await importFixture(await classListXlsx());
    const [khanh, khuyen] = CLASS_LIST_EXPECTED.twinRows.map((row) => plan.add.find((a) => a.row === row)!);
    expect(khanh!.links).toEqual(khuyen!.links);
    const parents = plan.guardianAdd.filter((g) => g.rows.length === 2);
    expect(parents.map((g) => g.fields.fullName)).toEqual(["Lò Văn Pả", "Lường Thị Ơn"]);
  });
});

describe.each([
  ["TCVN3", tcvn3ListXlsx, "tcvn3"],
  ["VNI", vniListXlsx, "vni"],
  ["TCVN3 saved as CSV", async () => tcvn3Csv(), "tcvn3"],
])("a list typed in %s", (_, build, encoding) => {
  it("is converted to Unicode, headers included", async () => {
    const { plan } = await importFixture(await build());
    expect(plan.add.map((a) => a.fields.fullName)).toEqual(LEGACY_NAMES_EXPECTED);
    expect(plan.add.map((a) => a.fields.gender)).toEqual(["male", "female", "female", "male", "female", "male"]);
    expect(plan.add.map((a) => a.fields.ethnicity)).toEqual(["01", "01", "02", "06", "01", "07"]);
    const names = plan.columns.find((c) => c.target === "fullName")!;
    expect(names).toMatchObject({ header: "Họ và tên", legacyEncoding: encoding, converted: 6 });
  });
});

describe("CSV files", () => {
  it("from a phone: UTF-8 without BOM, lower-case names, d/m/yyyy, +84 phones", async () => {
    const { table, plan } = await importFixture(phoneCsv());
    expect(table.encoding).toBe("utf-8");
    expect(plan.add.map((a) => [a.fields.fullName, a.fields.dob, a.fields.gender])).toEqual([
      ["Nguyễn Thị Lan", "2016-03-04", "female"],
      ["Trần Văn Bình", "2015-07-19", "male"],
      ["Hà Gia Huy", "2018-12-02", "male"],
    ]);
    expect(plan.guardianAdd.map((g) => g.fields.phone)).toEqual(["0912345678", "0987654321", "0389555666"]);
  });

  it("from Excel on a Vietnamese PC: Windows-1258, semicolons, lost zeros recovered, scientific notation rejected", async () => {
    const { table, plan } = await importFixture(windows1258Csv());
    expect(table.encoding).toBe("windows-1258");
    expect(plan.add.map((a) => [a.fields.fullName, a.fields.dob, a.fields.pid])).toEqual([
      ["Phạm Thị Hương", "2016-05-08", "036316777001"],
      ["Nguyễn Hữu Thắng", "2015-10-21", "001215777002"],
    ]);
    expect(plan.guardianAdd.map((g) => [g.fields.fullName, g.fields.phone])).toEqual([
      ["Phạm Văn Đạt", "0912345678"],
      ["Nguyễn Hữu Lộc", "0904123123"],
    ]);
    expect(plan.rejected).toHaveLength(1);
    expect(plan.rejected[0]!.reasons[0]!.vi).toContain("1,21501E+11");
  });
});

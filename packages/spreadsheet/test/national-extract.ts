// Test support: an extract of the national population database for a synthetic roster, in
// the layout police download per residential group, with every kind of disagreement the
// reconciliation must sort out planted at known rows. The same scenario writes the
// committed fixtures (scripts/make-reconcile-fixtures.ts) and is what the tests expect.
import type { Child, Guardian, ReconcileField } from "@roster/schema";
import { ageAt, ethnicName, formatIsoDate, linkedGuardian, parseIsoDate, repairLegacyText } from "@roster/rules";
import ExcelJS from "exceljs";
import type { CellValue } from "../src/cell-value";
import { toTcvn3 } from "./legacy-text";
import { synthRoster, type Roster } from "./roster";

export const EXTRACT_AS_OF = "2026-06-01";

export const EXTRACT_HEADER = [
  "STT", "Số định danh cá nhân", "Họ, chữ đệm và tên", "Ngày, tháng, năm sinh", "Giới tính", "Dân tộc",
  "Họ và tên cha", "Số định danh cá nhân của cha", "Họ và tên mẹ", "Số định danh cá nhân của mẹ",
  "Tài khoản định danh điện tử",
];

/** What the reconciliation must find, row by row (spreadsheet row numbers). */
export interface ExtractExpectations {
  /** Rows matched with no difference, by ID number. */
  agree: { row: number; childId: string }[];
  /** Rows matched with exactly one difference in `field`. */
  differ: { row: number; childId: string; field: ReconcileField; by: "pid" | "name-dob" }[];
  likely: { row: number; childId: string; why: "dob-day-month-swapped" | "name-one-letter" }[];
  extractOnly: number[];
  outOfCampaign: number[];
  /** The same person again. */
  repeated: number[];
  rosterOnly: string[];
}

export interface ExtractScenario {
  /** The roster as the commune keeps it (some children planted without an ID number). */
  roster: Roster;
  rows: CellValue[][];
  expect: ExtractExpectations;
}

const TITLE = ["DANH SÁCH CÔNG DÂN TRÍCH XUẤT TỪ CƠ SỞ DỮ LIỆU QUỐC GIA VỀ DÂN CƯ"];
const FIRST_DATA_ROW = 3; // title, header, then data

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function shiftYears(iso: string, years: number): string {
  const date = parseIsoDate(iso)!;
  return formatIsoDate({ ...date, year: date.year + years });
}

/** A child police can compare fully: every identity field and both parents named with IDs. */
function complete(child: Child, guardians: Record<string, Guardian>): boolean {
  const father = linkedGuardian(child.fatherId, guardians);
  const mother = linkedGuardian(child.motherId, guardians);
  const dob = child.dob ?? "";
  const day = Number(dob.slice(8, 10));
  const month = Number(dob.slice(5, 7));
  return (
    !!child.fullName && /^\d{4}-\d{2}-\d{2}$/.test(dob) && !!child.gender && !!child.ethnicity && /^\d{12}$/.test(child.pid ?? "") &&
    !!father?.fullName && /^\d{12}$/.test(father.pid ?? "") && !!mother?.fullName && /^\d{12}$/.test(mother.pid ?? "") &&
    // Day and month tell apart (for the swapped-date row) and names of several letters.
    day <= 12 && day !== month && child.fullName.length > 8 &&
    inCampaign(dob) &&
    // Names typed in a legacy font are the roster's own problem, not a planted case.
    [child.fullName, father.fullName, mother.fullName].every((name) => repairLegacyText(name).text === name)
  );
}

function inCampaign(dob: string): boolean {
  const age = ageAt(dob, EXTRACT_AS_OF);
  return age !== null && age >= 6 && age < 14;
}

/** Changes a name by one letter in its given name ("An" → "Anh"). */
function oneLetterOff(name: string): string {
  return `${name}h`;
}

function changeName(name: string): string {
  const words = name.split(" ");
  words[words.length - 1] = words.at(-1) === "Minh" ? "Quang" : "Minh";
  return words.join(" ");
}

function otherEthnicity(code: string): string {
  return code === "01" ? "02" : "01";
}

function otherPid(pid: string): string {
  return `${pid.slice(0, 6)}${String((Number(pid.slice(6)) + 1) % 1_000_000).padStart(6, "0")}`;
}

/**
 * A roster of `children` synthetic children (seeded) and its national extract: most rows
 * agree, one differs in each compared field, one has day and month swapped, one a name one
 * letter off, two children the roster lacks, a repeated row, parents as adults, a child
 * too young and one too old, and roster children the extract does not know.
 */
export function extractScenario(options: { seed?: number; children?: number; legacy?: "tcvn3" } = {}): ExtractScenario {
  const source = synthRoster({ seed: options.seed ?? 11, children: options.children ?? 200, asOf: EXTRACT_AS_OF });
  const guardians = source.guardians;
  const usable = source.children.filter((child) => complete(child, guardians));
  const fields: ReconcileField[] = ["fullName", "dob", "gender", "ethnicity", "pid", "father.fullName", "father.pid", "mother.fullName", "mother.pid"];
  if (usable.length < fields.length + 8) throw new Error(`extractScenario: only ${usable.length} complete children; ask for more`);
  const [swapped, typo, unknown1, unknown2, ...rest] = usable as [Child, Child, Child, Child, ...Child[]];
  const differing = rest.slice(0, fields.length);
  const agreeing = rest.slice(fields.length);
  // The commune never got the ID numbers of two children: only their names and dates tie them.
  const children = source.children.map((child) =>
    child.id === swapped.id || child.id === typo.id || child.id === differing[4]!.id ? { ...child, pid: null } : child,
  );
  const rosterChildren = children.filter((child) => child.id !== unknown1.id && child.id !== unknown2.id);

  const rows: CellValue[][] = [];
  const expect: ExtractExpectations = { agree: [], differ: [], likely: [], extractOnly: [], outOfCampaign: [], repeated: [], rosterOnly: [] };
  const text = (s: string) => (options.legacy === "tcvn3" ? toTcvn3(s) : s);
  const push = (person: { pid: string; fullName: string; dob: string; gender: string; ethnicity: string; father?: Guardian | null; mother?: Guardian | null; vneid?: string }) => {
    rows.push([
      rows.length + 1,
      person.pid,
      text(person.fullName),
      dmy(person.dob),
      text(person.gender === "female" ? "Nữ" : "Nam"),
      text(ethnicName(person.ethnicity) ?? ""),
      text(person.father?.fullName ?? ""),
      person.father?.pid ?? "",
      text(person.mother?.fullName ?? ""),
      person.mother?.pid ?? "",
      text(person.vneid ?? ""),
    ]);
    return FIRST_DATA_ROW + rows.length - 1;
  };
  const personOf = (child: Child) => ({
    pid: child.pid!,
    fullName: child.fullName!,
    dob: child.dob!,
    gender: child.gender!,
    ethnicity: child.ethnicity!,
    father: linkedGuardian(child.fatherId, guardians),
    mother: linkedGuardian(child.motherId, guardians),
  });

  for (const child of agreeing) expect.agree.push({ row: push({ ...personOf(child), vneid: "Mức độ 2" }), childId: child.id });
  fields.forEach((field, i) => {
    const child = differing[i]!;
    const person = personOf(child);
    const father = person.father ? { ...person.father } : null;
    const mother = person.mother ? { ...person.mother } : null;
    switch (field) {
      case "fullName": person.fullName = changeName(person.fullName); break;
      case "dob": person.dob = shiftYears(person.dob, -1); break;
      case "gender": person.gender = person.gender === "male" ? "female" : "male"; break;
      case "ethnicity": person.ethnicity = otherEthnicity(person.ethnicity); break;
      case "pid": break; // the roster lacks it (above): the extract's number is the difference
      case "father.fullName": father!.fullName = changeName(father!.fullName!); break;
      case "father.pid": father!.pid = otherPid(father!.pid!); break;
      case "mother.fullName": mother!.fullName = changeName(mother!.fullName!); break;
      case "mother.pid": mother!.pid = otherPid(mother!.pid!); break;
    }
    expect.differ.push({ row: push({ ...person, father, mother }), childId: child.id, field, by: field === "pid" ? "name-dob" : "pid" });
  });
  const swappedDob = `${swapped.dob!.slice(0, 5)}${swapped.dob!.slice(8, 10)}-${swapped.dob!.slice(5, 7)}`;
  expect.likely.push({ row: push({ ...personOf(swapped), pid: source.children.find((c) => c.id === swapped.id)!.pid!, dob: swappedDob }), childId: swapped.id, why: "dob-day-month-swapped" });
  expect.likely.push({ row: push({ ...personOf(typo), pid: source.children.find((c) => c.id === typo.id)!.pid!, fullName: oneLetterOff(typo.fullName!) }), childId: typo.id, why: "name-one-letter" });
  expect.extractOnly.push(push(personOf(unknown1)), push(personOf(unknown2)));
  expect.repeated.push(push(personOf(agreeing[0]!)));
  const parent = linkedGuardian(agreeing[1]!.motherId, guardians)!;
  expect.outOfCampaign.push(push({ pid: parent.pid!, fullName: parent.fullName!, dob: parent.dob ?? "1988-01-01", gender: "female", ethnicity: "01", vneid: "Mức độ 2" }));
  const young = shiftYears(EXTRACT_AS_OF, -3);
  expect.outOfCampaign.push(push({ pid: "001223000991", fullName: "Đặng Bảo Châu", dob: young, gender: "female", ethnicity: "01" }));
  const old = shiftYears(EXTRACT_AS_OF, -16);
  expect.outOfCampaign.push(push({ pid: "001210000992", fullName: "Đặng Quốc Việt", dob: old, gender: "male", ethnicity: "01" }));

  const inExtract = new Set([...agreeing, ...differing, swapped, typo].map((c) => c.id));
  expect.rosterOnly = rosterChildren.filter((c) => c.removed !== true && !inExtract.has(c.id)).map((c) => c.id);
  return { roster: { children: rosterChildren, guardians }, rows: [TITLE, EXTRACT_HEADER, ...rows], expect };
}

/** The extract as police download it: one sheet, a title row, the header, the people. */
export async function extractXlsx(rows: readonly CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "roster fixtures";
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 5, 1));
  const sheet = workbook.addWorksheet("Danh sách");
  for (const row of rows) sheet.addRow(row.map((cell) => (cell instanceof Date ? cell : cell ?? null)));
  // ID numbers are text: Excel would show 1.2E+11 and lose digits otherwise.
  for (const column of [2, 8, 10]) sheet.getColumn(column).numFmt = "@";
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * The national view of a whole roster, one row per child (names of every tenth child one
 * letter off, every third child with a level-2 account): the large-file case.
 */
export function wholeRosterExtract(roster: Roster): CellValue[][] {
  const rows: CellValue[][] = [EXTRACT_HEADER];
  roster.children.forEach((child, i) => {
    const father = linkedGuardian(child.fatherId, roster.guardians);
    const mother = linkedGuardian(child.motherId, roster.guardians);
    const name = i % 10 === 0 ? `${child.fullName ?? ""}h` : (child.fullName ?? "");
    rows.push([
      i + 1, child.pid ?? "", name, child.dob ? dmy(child.dob) : "", child.gender === "female" ? "Nữ" : "Nam",
      ethnicName(child.ethnicity ?? "") ?? "", father?.fullName ?? "", father?.pid ?? "", mother?.fullName ?? "",
      mother?.pid ?? "", i % 3 === 0 ? "Mức độ 2" : "",
    ]);
  });
  return rows;
}

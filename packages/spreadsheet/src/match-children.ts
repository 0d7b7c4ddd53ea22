// Which existing child a row is (DOMAIN.md: "the same child entered by the school and by
// the hamlet head"): the same personal ID number, else the same folded name and date of
// birth. A match is never forced: conflicting or ambiguous evidence rejects the row.
import type { Child, ChildFields, LocalizedText } from "@roster/schema";
import { bhytPersonKey, foldName, normalizePid, pidsNearlyEqual, repairLegacyText } from "@roster/rules";
import { ROW_MESSAGES } from "./messages";

/** Where a row is: its spreadsheet row, and its sheet when the import read several. */
export interface RowPlace {
  row: number;
  sheet?: string;
}

export type ChildMatch =
  | { kind: "add" }
  /** `pidTypo`: matched by name, date of birth and parents, the two ID numbers one or two
   * digits apart (a typing slip on one side; the stored number is kept). */
  | { kind: "update"; child: Child; pidTypo?: true }
  | { kind: "reject"; reason: LocalizedText };

// Only a well-formed number identifies a child: a 9-digit CMND in a child's record is the
// parent's (siblings share it), and shorter strings are placeholders ("0", "chưa có").
const PID_12 = /^\d{12}$/;

function pidKey(pid: string | null | undefined): string | null {
  const n = normalizePid(pid ?? "");
  return PID_12.test(n) ? n : null;
}

function personKey(name: string, dob: string | null | undefined): string | null {
  const day = (dob ?? "").trim();
  return name === "" || day === "" ? null : `${name}|${day}`;
}

/** The folded names a stored child answers to: its own, and its TCVN3 / VNI name
 * converted, since the file may carry the name repaired. */
function storedNames(child: Child): string[] {
  const name = child.fullName ?? "";
  const own = foldName(name);
  const repaired = foldName(repairLegacyText(name).text);
  return repaired === own ? [own] : [own, repaired];
}

/** Two ID numbers that differ: two different people, whatever their names say. */
function knownDistinct(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}

function push<K, V>(index: Map<K, V[]>, key: K | null, value: V): void {
  if (key === null) return;
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * Matches the rows of one file to the children of a roster by 12-digit ID number, else
 * BHYT number, else folded name and date of birth (removed children are not matched), remembering which rows claimed which children and which new children the
 * file adds, so that one child is never claimed twice nor added twice.
 */
export class ChildMatcher {
  private readonly byPid = new Map<string, Child[]>();
  private readonly byBhyt = new Map<string, Child[]>();
  private readonly byPerson = new Map<string, Child[]>();
  private readonly byName = new Map<string, Child[]>();
  private readonly names = new Map<string, string[]>();
  private readonly claimedBy = new Map<string, RowPlace>();
  private readonly newByPid = new Map<string, RowPlace>();
  private readonly newByPerson = new Map<string, { place: RowPlace; pid: string | null }>();

  constructor(children: readonly Child[]) {
    for (const child of children) {
      if (child.removed === true) continue;
      const names = storedNames(child);
      this.names.set(child.id, names);
      push(this.byPid, pidKey(child.pid), child);
      push(this.byBhyt, bhytPersonKey(child.bhyt), child);
      for (const name of names) {
        push(this.byPerson, personKey(name, child.dob), child);
        push(this.byName, name === "" ? null : name, child);
      }
    }
  }

  /**
   * The child a row is. Candidates share the row's ID number, its BHYT number, or its
   * folded name (a stored TCVN3 / VNI name counts converted) with its date of birth. One
   * is accepted when the ID or BHYT number agrees with the name or the date of birth, or
   * name and date of birth agree and their ID numbers do not differ; failing all that, a
   * child of the same name that the row would not change at all (`identical`) is it.
   * An ID number held by a child with another name and date of birth, several equally
   * good candidates (unless one is `identical` to the row), or a child already claimed by
   * an earlier row reject the row; so does a second new row with the same number, or the
   * same name and date of birth, as an earlier one. ID numbers one or two digits apart do
   * not tell two children apart when name, date of birth and parents (`sameParents`: no
   * parent of the row contradicts a linked one) agree: that is a typing slip, matched
   * with `pidTypo`.
   */
  match(row: RowPlace, fields: ChildFields, identical: (child: Child) => boolean, sameParents: (child: Child) => boolean = () => true): ChildMatch {
    const pid = pidKey(fields.pid);
    const bhyt = bhytPersonKey(fields.bhyt);
    const name = foldName(fields.fullName ?? "");
    const dob = (fields.dob ?? "").trim();
    const person = personKey(name, dob);
    const candidates = new Set([
      ...(pid === null ? [] : this.byPid.get(pid) ?? []),
      ...(bhyt === null ? [] : this.byBhyt.get(bhyt) ?? []),
      ...(person === null ? [] : this.byPerson.get(person) ?? []),
    ]);

    const scored: { child: Child; score: number; typo: boolean }[] = [];
    let pidHolder: Child | undefined;
    for (const child of candidates) {
      const pidEq = pid !== null && pidKey(child.pid) === pid;
      const bhytEq = bhyt !== null && bhytPersonKey(child.bhyt) === bhyt;
      const nameEq = name !== "" && (this.names.get(child.id) ?? []).includes(name);
      const dobEq = dob !== "" && (child.dob ?? "").trim() === dob;
      const typo = nameEq && dobEq && pidsNearlyEqual(pid, child.pid) && sameParents(child);
      const distinct = knownDistinct(pid, pidKey(child.pid)) && !typo;
      const accepted = (pidEq && (nameEq || dobEq)) || (!distinct && ((bhytEq && (nameEq || dobEq)) || (nameEq && dobEq)));
      if (accepted) scored.push({ child, typo, score: Number(pidEq) * 8 + Number(bhytEq) * 4 + Number(nameEq) * 2 + Number(dobEq) });
      else if (pidEq) pidHolder = child;
    }
    if (scored.length === 0 && pidHolder === undefined && name !== "") {
      const same = (this.byName.get(name) ?? []).find((child) => !this.claimedBy.has(child.id) && identical(child));
      if (same !== undefined) scored.push({ child: same, score: 0, typo: false });
    }

    if (scored.length === 0) {
      if (pidHolder !== undefined) return { kind: "reject", reason: ROW_MESSAGES.pidOfOtherChild(pidHolder.fullName ?? "") };
      return this.addNew(row, pid, person);
    }
    const open = scored.filter(({ child }) => !this.claimedBy.has(child.id));
    if (open.length === 0) return { kind: "reject", reason: ROW_MESSAGES.duplicateInFile(this.claimedBy.get(scored[0]!.child.id)!) };
    const top = Math.max(...open.map((c) => c.score));
    const best = open.filter((c) => c.score === top);
    // Twin records (the same child entered twice, identically) are told apart by order.
    const chosen = best.length === 1 ? best[0] : best.find((c) => identical(c.child));
    if (chosen === undefined) return { kind: "reject", reason: ROW_MESSAGES.ambiguousMatch(best.map((c) => c.child.fullName ?? "")) };
    this.claimedBy.set(chosen.child.id, row);
    return chosen.typo ? { kind: "update", child: chosen.child, pidTypo: true } : { kind: "update", child: chosen.child };
  }

  private addNew(row: RowPlace, pid: string | null, person: string | null): ChildMatch {
    const samePid = pid === null ? undefined : this.newByPid.get(pid);
    if (samePid !== undefined) return { kind: "reject", reason: ROW_MESSAGES.duplicateInFile(samePid) };
    const samePerson = person === null ? undefined : this.newByPerson.get(person);
    if (samePerson !== undefined && (!knownDistinct(pid, samePerson.pid) || pidsNearlyEqual(pid, samePerson.pid))) {
      return { kind: "reject", reason: ROW_MESSAGES.duplicateInFile(samePerson.place) };
    }
    if (pid !== null) this.newByPid.set(pid, row);
    if (person !== null) this.newByPerson.set(person, { place: row, pid });
    return { kind: "add" };
  }
}

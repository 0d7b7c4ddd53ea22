// Parents in a file become guardian records. Siblings name the same parents on several
// rows and must share one record; a parent already in the roster is reused, not copied.
import type { Child, FieldValue, Guardian, GuardianField, GuardianFields, LocalizedText } from "@roster/schema";
import { foldName, identityNumber } from "@roster/rules";
import type { GuardianRoleName } from "./column-targets";
import { targetLabel } from "./column-targets";
import { sameValue } from "./field-equality";
import type { FieldChange, GuardianAddition, GuardianRef, GuardianUpdate } from "./import-plan";
import { wouldSpoil } from "./keep-valid";
import { ROLE_WORDS, ROW_MESSAGES } from "./messages";

/** What a row says of one of the child's guardians. */
export interface GuardianMention {
  row: number;
  role: GuardianRoleName;
  fields: GuardianFields;
  /** The id the matched child already links for this role, if any. */
  linkedId: string | null | undefined;
  /** The father's and mother's names on the row: together they identify a household. */
  household: { father?: string | null; mother?: string | null };
}

export interface GuardianResolution {
  /** The guardian to link; null when the row's guardian cannot be linked safely. */
  ref: GuardianRef | null;
  issues: LocalizedText[];
}

const UPDATABLE = ["fullName", "dob", "pid", "phone"] as const;

type Fold = (name: string | null | undefined) => string;

/** foldName remembered per resolver: parents' names come back on every sibling's row and
 * in every household key. */
function foldMemo(): Fold {
  const folded = new Map<string, string>();
  return (name) => {
    const text = name ?? "";
    let key = folded.get(text);
    if (key === undefined) folded.set(text, (key = foldName(text)));
    return key;
  };
}

/** The keys by which two mentions are the same person: the ID number; the name with the
 * phone; for a parent, the father's and mother's names together. */
function keysOf(fold: Fold, role: GuardianRoleName, fields: GuardianFields, household: GuardianMention["household"]): string[] {
  const keys: string[] = [];
  const pid = identityNumber(fields.pid);
  if (pid !== null) keys.push(`pid:${pid}`);
  const name = fold(fields.fullName);
  const phone = (fields.phone ?? "").replace(/\D/g, "");
  if (name !== "" && phone !== "") keys.push(`tel:${name}|${phone}`);
  const father = fold(household.father);
  const mother = fold(household.mother);
  if (role !== "guardian" && father !== "" && mother !== "") keys.push(`hh:${role}|${father}|${mother}`);
  return keys;
}

function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function digits(value: string | null | undefined): string {
  return (value ?? "").replace(/\D/g, "");
}

/** Two records of one name that cannot be one person: both have an ID number (9 digits or
 * more) and they differ, or both have a phone and they differ. */
function fieldsContradict(a: GuardianFields, b: GuardianFields): boolean {
  const [pa, pb] = [identityNumber(a.pid), identityNumber(b.pid)];
  if (pa !== null && pb !== null && pa !== pb) return true;
  const [ta, tb] = [digits(a.phone), digits(b.phone)];
  return ta !== "" && tb !== "" && ta !== tb;
}

function namesContradict(fold: Fold, a: string | null | undefined, b: string | null | undefined): boolean {
  const [x, y] = [fold(a), fold(b)];
  return x !== "" && y !== "" && x !== y;
}

interface PendingUpdate {
  changes: Map<GuardianField, FieldChange<GuardianField> & { row: number }>;
  rows: Set<number>;
}

/**
 * Resolves every guardian mention of a file to one record: the guardian the matched child
 * already links (unless the file names someone else), a guardian an earlier row of the
 * file named (same ID number, same name and phone, or same father-and-mother names), an
 * existing guardian found the same ways, or a new record. Same names are not the same
 * person when the ID numbers or the phones differ: then the row's household is another. Collects the new records and
 * the field changes to existing ones; the first row to give a field wins and a
 * disagreeing later row gets a warning.
 */
export class GuardianResolver {
  // A Map, not the record: an id typed as "constructor" must not find Object.prototype's.
  private readonly byId: ReadonlyMap<string, Guardian>;
  private readonly byKey = new Map<string, Guardian[]>();
  private readonly household = new Map<string, string>();
  private readonly fileRefs = new Map<string, GuardianRef>();
  private readonly additions = new Map<string, GuardianAddition & { fieldRows: Map<GuardianField, number> }>();
  private readonly updates = new Map<string, PendingUpdate>();
  private readonly fold = foldMemo();
  /** The row whose father or mother turned out to be someone else of the same name: its
   * household key ("same father's and mother's names") no longer identifies anybody. */
  private otherHousehold: number | null = null;

  constructor(guardians: Readonly<Record<string, Guardian>>, children: readonly Child[]) {
    this.byId = new Map(Object.entries(guardians));
    for (const guardian of this.byId.values()) {
      for (const key of keysOf(this.fold, "guardian", guardian, {})) push(this.byKey, key, guardian);
    }
    for (const child of children) {
      const father = child.fatherId ? this.byId.get(child.fatherId) : undefined;
      const mother = child.motherId ? this.byId.get(child.motherId) : undefined;
      if (!father || !mother) continue;
      const household = { father: father.fullName, mother: mother.fullName };
      for (const key of keysOf(this.fold, "father", {}, household)) this.household.set(key, father.id);
      for (const key of keysOf(this.fold, "mother", {}, household)) this.household.set(key, mother.id);
    }
  }

  resolve(mention: GuardianMention): GuardianResolution {
    const issues: LocalizedText[] = [];
    const { role, fields, row } = mention;
    const keys = keysOf(this.fold, role, fields, mention.household).filter((key) => !(key.startsWith("hh:") && this.otherHousehold === row));
    let ref: GuardianRef | null = null;

    const linked = mention.linkedId ? this.byId.get(mention.linkedId) : undefined;
    if (linked !== undefined) {
      if (namesContradict(this.fold, linked.fullName, fields.fullName)) {
        issues.push(ROW_MESSAGES.guardianDiffers(ROLE_WORDS[role], linked.fullName ?? ""));
        return { ref: null, issues };
      }
      ref = { kind: "existing", id: linked.id };
    }
    ref ??= this.findInFile(keys, fields, row);
    if (ref === null) {
      const found = this.findExisting(role, fields, keys, issues, row);
      if (found === false) return { ref: null, issues };
      ref = found;
    }
    if (ref === null) {
      const key = `new-guardian:${this.additions.size + 1}`;
      ref = { kind: "new", key };
      this.additions.set(key, { key, fields: { ...fields }, rows: [row], fieldRows: new Map(Object.keys(fields).map((f) => [f as GuardianField, row])) });
    } else if (ref.kind === "new") {
      this.mergeNew(ref.key, fields, row, issues);
    } else {
      this.proposeUpdates(ref.id, role, fields, row, issues);
    }
    for (const key of keys) if (!this.fileRefs.has(key)) this.fileRefs.set(key, ref);
    return { ref, issues };
  }

  /** The fields a reference stands for: a new record's as collected, an existing one's as stored. */
  private fieldsOf(ref: GuardianRef): GuardianFields {
    return ref.kind === "new" ? (this.additions.get(ref.key)?.fields ?? {}) : (this.byId.get(ref.id) ?? {});
  }

  /** Not the same person after all: same names, another ID number or phone. */
  private contradicts(key: string, found: GuardianFields, fields: GuardianFields, row: number): boolean {
    if (key.startsWith("pid:") || !fieldsContradict(found, fields)) return false;
    if (key.startsWith("hh:")) this.otherHousehold = row;
    return true;
  }

  /** A guardian an earlier row of the file named, by the first key that finds one who is not
   * someone else of the same name. */
  private findInFile(keys: readonly string[], fields: GuardianFields, row: number): GuardianRef | null {
    for (const key of keys) {
      const found = this.fileRefs.get(key);
      if (found !== undefined && !this.contradicts(key, this.fieldsOf(found), fields, row)) return found;
    }
    return null;
  }

  /** An existing guardian with the mention's ID number (and no other name), name and
   * phone, or household (and no other ID number or phone); `false` when the ID number
   * belongs to someone of another name. */
  private findExisting(role: GuardianRoleName, fields: GuardianFields, keys: readonly string[], issues: LocalizedText[], row: number): GuardianRef | null | false {
    for (const key of keys) {
      if (key.startsWith("hh:") && this.otherHousehold === row) continue;
      const candidates = key.startsWith("hh:")
        ? [this.household.get(key)].flatMap((id) => (id === undefined ? [] : (this.byId.get(id) ?? [])))
        : (this.byKey.get(key) ?? []);
      const same = candidates.find((g) => !namesContradict(this.fold, g.fullName, fields.fullName) && !this.contradicts(key, g, fields, row));
      if (same !== undefined) return { kind: "existing", id: same.id };
      if (key.startsWith("pid:") && candidates.length > 0) {
        issues.push(ROW_MESSAGES.guardianPidTaken(ROLE_WORDS[role], candidates[0]!.fullName ?? ""));
        return false;
      }
    }
    return null;
  }

  private mergeNew(key: string, fields: GuardianFields, row: number, issues: LocalizedText[]): void {
    const addition = this.additions.get(key)!;
    if (!addition.rows.includes(row)) addition.rows.push(row);
    for (const field of UPDATABLE) {
      const value = fields[field];
      if (value === undefined || value === null) continue;
      const current = addition.fields[field];
      if (current === undefined || current === null) {
        addition.fields[field] = value;
        addition.fieldRows.set(field, row);
      } else if (!sameValue(field, current, value)) {
        issues.push(ROW_MESSAGES.guardianValueConflict(this.label(field), String(current), addition.fieldRows.get(field) ?? row));
      }
    }
  }

  private proposeUpdates(id: string, role: GuardianRoleName, fields: GuardianFields, row: number, issues: LocalizedText[]): void {
    const stored = this.byId.get(id)!;
    let pending = this.updates.get(id);
    if (pending === undefined) this.updates.set(id, (pending = { changes: new Map(), rows: new Set() }));
    pending.rows.add(row);
    const holder = { dob: stored.dob ?? fields.dob, gender: stored.gender ?? fields.gender };
    for (const field of UPDATABLE) {
      const value = fields[field];
      if (value === undefined || value === null || sameValue(field, stored[field], value)) continue;
      const earlier = pending.changes.get(field);
      if (earlier !== undefined) {
        if (!sameValue(field, earlier.to, value)) issues.push(ROW_MESSAGES.guardianValueConflict(this.label(field, role), String(earlier.to), earlier.row));
        continue;
      }
      if (wouldSpoil(field, stored[field], value, holder)) {
        issues.push(ROW_MESSAGES.keptValidValue(this.label(field, role), String(stored[field])));
        continue;
      }
      pending.changes.set(field, { field, from: stored[field] as FieldValue | undefined, to: value, row });
    }
  }

  private label(field: (typeof UPDATABLE)[number], role: GuardianRoleName = "guardian"): LocalizedText {
    return targetLabel(`${role}.${field}`);
  }

  /** The new guardian records, in the order the file first names them. */
  additionsList(): GuardianAddition[] {
    return [...this.additions.values()].map(({ key, fields, rows }) => ({ key, fields, rows }));
  }

  /** Field changes to existing guardians (guardians a row only links are left out). */
  updatesList(): GuardianUpdate[] {
    const out: GuardianUpdate[] = [];
    for (const [guardianId, pending] of this.updates) {
      if (pending.changes.size === 0) continue;
      const changes = [...pending.changes.values()].map(({ field, from, to }) => ({ field, from, to }));
      out.push({ guardianId, changes, rows: [...pending.rows] });
    }
    return out;
  }

  /** The guardians as they will be: existing ones with their changes, new ones under their keys. */
  resultingGuardians(): Record<string, Guardian> {
    const result: Record<string, Guardian> = Object.fromEntries(this.byId);
    for (const { guardianId, changes } of this.updatesList()) {
      const updated: Guardian = { ...result[guardianId]! };
      for (const { field, to } of changes) (updated as Record<string, unknown>)[field] = to;
      result[guardianId] = updated;
    }
    for (const { key, fields } of this.additions.values()) result[key] = { ...fields, id: key };
    return result;
  }
}

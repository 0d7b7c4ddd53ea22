import type { Child, Guardian } from "@roster/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aChild, aFather, aMother, guardiansOf } from "./evaluate.fixtures";
import { FINGERPRINT_CHILD_FIELDS, fingerprint } from "./fingerprint";
import { normalizeName } from "./names";
import { normalizePid } from "./pid";

const GUARDIANS = guardiansOf(aMother(), aFather());
const BASE = fingerprint(aChild(), GUARDIANS);

const CHILD_IDENTITY = FINGERPRINT_CHILD_FIELDS;

/** The same object with its keys inserted in the order of `weights` (a random permutation). */
function shuffled<T extends object>(value: T, weights: readonly number[]): T {
  const weight = (i: number) => weights[i] ?? i;
  const entries = Object.entries(value).map((entry, i) => ({ entry, i }));
  entries.sort((x, y) => weight(x.i) - weight(y.i) || x.i - y.i);
  return Object.fromEntries(entries.map((e) => e.entry)) as T;
}

const text = fc.option(fc.string({ maxLength: 20 }), { nil: null });
const nonIdentityOfChild = fc.record(
  {
    address: text, village: text, school: text, grade: text, bhyt: text, guardianRelation: text,
    idCard: fc.constantFrom("none", "applied", "issued", null), vneid: fc.constantFrom("none", "level1", "level2", null),
    healthBook: fc.option(fc.boolean(), { nil: null }), appointment: text, note: text,
    removed: fc.option(fc.boolean(), { nil: null }), removedReason: text,
  },
  { requiredKeys: [] },
);
const nonIdentityOfGuardian = fc.record(
  {
    phone: text, address: text, dob: text,
    gender: fc.constantFrom("male", "female", null), vneid: fc.constantFrom("none", "level1", "level2", null),
  },
  { requiredKeys: [] },
);

describe("fingerprint", () => {
  it("is 64 lowercase hex characters, the same on every call", () => {
    expect(BASE).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint(aChild(), GUARDIANS)).toBe(BASE);
  });

  it("hashes the documented canonical form (computed with sha256sum)", () => {
    // printf '%s' '["roster-fp-v1","Nguyễn Văn An","2015-03-14","male","01","001215012345","permanent",
    // "2015-04-10","2015-03-20","mother",null,["Trần Thị Mai","001188004567"],null]' | sha256sum
    expect(BASE).toBe("b255a3b456ebd9d334f802a722396e68d3a5b96e6da8cd8b12bb8aba7c966d4d");
  });

  it("ignores key order and fields police do not verify (property)", () => {
    const permutation = fc.array(fc.integer(), { maxLength: 30 });
    fc.assert(
      fc.property(nonIdentityOfChild, nonIdentityOfGuardian, permutation, permutation, (extra, extraOfMother, o1, o2) => {
        const child = shuffled({ ...aChild(), ...extra } as Child, o1);
        const mother = shuffled({ ...aMother(), ...extraOfMother } as Guardian, o2);
        const guardians = shuffled(guardiansOf(aFather(), mother), o2);
        expect(fingerprint(child, guardians)).toBe(BASE);
      }),
    );
  });

  it("changes when any identity field of the child changes (property)", () => {
    const field = fc.constantFrom(...CHILD_IDENTITY);
    const value = fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.constantFrom("male", "female", "permanent", "temporary", "none", "father", "guardian", "2015-03-15", "02",
        "001215012346", "Nguyễn Văn Anh", "Nguyễn Văn Ăn"),
    );
    fc.assert(
      fc.property(field, value, (key, v) => {
        const before = String(aChild()[key] ?? "");
        const canon = (s: string) => (key === "fullName" ? normalizeName(s.trim()) : key === "pid" ? normalizePid(s.trim()) : s.trim());
        fc.pre(canon(v) !== canon(before));
        expect(fingerprint(aChild({ [key]: v }), GUARDIANS)).not.toBe(BASE);
      }),
    );
  });

  it("changes when a linked guardian's name or pid changes (property)", () => {
    const change = fc.record({ field: fc.constantFrom("fullName", "pid") as fc.Arbitrary<"fullName" | "pid">, value: fc.string({ minLength: 1, maxLength: 16 }) });
    fc.assert(
      fc.property(change, ({ field, value }) => {
        const before = aMother()[field] ?? "";
        const canon = (s: string) => (field === "fullName" ? normalizeName(s.trim()) : normalizePid(s.trim()));
        fc.pre(canon(value) !== canon(before));
        expect(fingerprint(aChild(), guardiansOf(aMother({ [field]: value }), aFather()))).not.toBe(BASE);
      }),
    );
  });

  it.each(CHILD_IDENTITY)("treats a missing, null, empty or blank %s alike", (key) => {
    const without = aChild();
    delete without[key];
    const expected = fingerprint(without, GUARDIANS);
    expect(expected).not.toBe(BASE);
    for (const empty of [null, "", "   "]) {
      expect(fingerprint(aChild({ [key]: empty }), GUARDIANS)).toBe(expected);
    }
  });

  it.each<[string, Partial<Child>, Record<string, Guardian>, boolean]>([
    ["the mother relinked to an identical record under another id", { motherId: "g-copy" },
      guardiansOf(aMother({ id: "g-copy" })), true],
    ["the father's phone and VNeID changed (he is not linked)", {}, guardiansOf(aMother(), aFather({ phone: "0900000000" })), true],
    ["the mother's pid typed with spaces", {}, guardiansOf(aMother({ pid: "001 188 004 567" })), true],
    ["the child's pid typed with dots", { pid: "001.215.012.345" }, GUARDIANS, true],
    ["the name in the capitals of the ID card", { fullName: "NGUYỄN VĂN AN" }, GUARDIANS, true],
    ["the name with a double space", { fullName: "Nguyễn  Văn An " }, GUARDIANS, true],
    ["the father linked", { fatherId: aFather().id }, GUARDIANS, false],
    ["the mother unlinked", { motherId: null }, GUARDIANS, false],
    ["the mother's link broken", { motherId: "g-gone" }, GUARDIANS, false],
    ["the same mother linked as guardian instead", { motherId: null, guardianId: aMother().id }, GUARDIANS, false],
    ["the date of birth one day later", { dob: "2015-03-15" }, GUARDIANS, false],
  ])("%s → same fingerprint: %s", (_label, child, guardians, same) => {
    expect(fingerprint(aChild(child), guardians) === BASE).toBe(same);
  });

  it("treats a broken link like no link", () => {
    expect(fingerprint(aChild({ fatherId: "g-gone" }), GUARDIANS)).toBe(BASE);
  });
});

import type { Child, ChildField, Guardian } from "@roster/schema";
import { CHILD_FIELDS } from "@roster/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { child, guardianPool } from "./arbitraries.fixtures";
import { duplicateKeysOf, findDuplicates, indexDuplicates } from "./duplicates";
import { evaluate } from "./evaluate";
import { fingerprintInput } from "./fingerprint";
import { CHILD_FIELDS_RULES_IGNORE, CHILD_RULE_INPUTS } from "./rule-inputs";

const ASOF = "2026-06-08";

/** Everything the rules say of `c` in a roster of `c` and `other`. */
function verdict(c: Child, other: Child, guardians: Record<string, Guardian>) {
  const pairs = findDuplicates([c, other], guardians);
  return {
    evaluation: evaluate(c, { guardians, asOf: ASOF, duplicates: indexDuplicates(pairs).get(c.id) ?? [] }),
    fingerprint: fingerprintInput(c, guardians),
    keys: duplicateKeysOf(c),
    pairs,
  };
}

// Values of any type a stored field may hold (outside clients write anything).
const anyValue = fc.oneof(fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null), fc.constant(undefined));
// A second child, often a near copy of the first so that duplicate pairs do form.
const roster = fc.tuple(child, child, fc.boolean()).map(([c, o, copy]): [Child, Child] => [c, { ...(copy ? c : o), id: "c-2" }]);

describe("CHILD_FIELDS_RULES_IGNORE", () => {
  it("splits the schema's child fields with CHILD_RULE_INPUTS", () => {
    expect([...CHILD_FIELDS_RULES_IGNORE, ...CHILD_RULE_INPUTS].sort()).toEqual([...CHILD_FIELDS].sort());
  });

  it("the harness sees a change of a field the rules read", () => {
    const moved = new Set<ChildField>();
    fc.assert(
      fc.property(roster, guardianPool, fc.constantFrom(...CHILD_RULE_INPUTS), child, fc.boolean(), ([c, other], guardians, field, donor, removed) => {
        // A value the field may really hold: another generated child's (the rules only
        // ever see values that pass the field's schema).
        const changed = { ...c, [field]: field === "removed" ? removed : donor[field] } as Child;
        if (JSON.stringify(verdict(changed, other, guardians)) !== JSON.stringify(verdict(c, other, guardians))) moved.add(field);
      }),
      { numRuns: 3000, seed: 20_261_205 },
    );
    expect([...moved].sort()).toEqual([...CHILD_RULE_INPUTS].sort());
  });

  it("no rule, fingerprint or duplicate search reads a field of the list", () => {
    const ignored = [...CHILD_FIELDS_RULES_IGNORE];
    fc.assert(
      fc.property(
        roster,
        guardianPool,
        fc.array(fc.tuple(fc.constantFrom(...ignored), anyValue), { minLength: 1, maxLength: 4 }),
        ([c, other], guardians, edits) => {
          const changed = { ...c } as Record<string, unknown>;
          for (const [field, value] of edits) changed[field] = value;
          expect(verdict(changed as Child, other, guardians)).toEqual(verdict(c, other, guardians));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

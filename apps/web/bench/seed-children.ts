import type { ChildFields, GuardianFields } from "@roster/schema";
import { generateRoster } from "@roster/synth";
import { seedRoster } from "../e2e/support/api";
import { PASSWORD, ROSTER, USERS } from "../e2e/support/fixtures";

/**
 * Fills the test roster with `count` realistic synthetic children and their guardians
 * (`@roster/synth`: siblings, minority names, planted problems), written as one records
 * update through the sync endpoint, as an import from another device would arrive.
 */
export async function seedSyntheticRoster(baseUrl: string, count: number, seed: number): Promise<void> {
  const { children, guardians } = generateRoster({ seed, children: count, village: "Thôn Đông" });
  await seedRoster(
    baseUrl,
    USERS.admin,
    PASSWORD,
    ROSTER,
    (records) =>
      records.doc.transact(() => {
        // The document makes its own ids; links are rewritten to them.
        const idOf = new Map<string, string>();
        for (const { id, ...fields } of guardians) idOf.set(id, records.createGuardian(fields as GuardianFields));
        for (const { id: _id, ...fields } of children) {
          const linked: ChildFields = { ...fields };
          for (const link of ["fatherId", "motherId", "guardianId"] as const) {
            const target = fields[link];
            if (target) linked[link] = idOf.get(target) ?? null;
          }
          records.createChild(linked);
        }
      }),
    count,
  );
}

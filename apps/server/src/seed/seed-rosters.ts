import * as Y from "yjs";
import { RosterRecords } from "@roster/doc";
import type { Child, ChildFields, Guardian, GuardianFields } from "@roster/schema";
import { generateCommune } from "@roster/synth";
import { ConflictError } from "../errors";
import type { Store } from "../storage/store";
import { syncDocName } from "../sync";

export interface SeedOptions {
  commune: string;
  villages: number;
  /** Children per village (a village gets between 80% and 120% of it). */
  children: number;
  seed?: number;
  /** Roster ids are `<idPrefix>-<village slug>`; defaults to the commune code. */
  idPrefix?: string;
}

/**
 * Creates new village rosters filled with realistic synthetic children (never touches an
 * existing roster, so it is safe while the server runs). Returns the rosters created.
 */
export async function seedRosters(store: Store, options: SeedOptions): Promise<{ id: string; name: string; children: number }[]> {
  const commune = await store.getCommune(options.commune);
  if (!commune) throw new ConflictError(`Không có xã ${options.commune} / No commune ${options.commune}`, "unknown_commune");
  const spread: [number, number] = [Math.max(1, Math.round(options.children * 0.8)), Math.max(1, Math.round(options.children * 1.2))];
  const generated = generateCommune({
    seed: options.seed ?? Date.now() % 2 ** 31,
    villages: options.villages,
    childrenPerVillage: spread,
    idPrefix: (options.idPrefix ?? `x${options.commune}`).toLowerCase(),
  });
  const created: { id: string; name: string; children: number }[] = [];
  for (const village of generated.villages) {
    if (await store.getRoster(village.id)) {
      throw new ConflictError(`Danh sách ${village.id} đã có / Roster ${village.id} already exists`, "roster_exists");
    }
    await store.addRoster({ id: village.id, name: village.name, commune: commune.code });
    await store.appendUpdate(syncDocName("records", village.id), recordsUpdate(village.children, village.guardians));
    created.push({ id: village.id, name: village.name, children: village.children.length });
  }
  return created;
}

/** One Yjs update holding a whole roster, with the document's own ids for every record. */
export function recordsUpdate(children: readonly Child[], guardians: readonly Guardian[]): Uint8Array {
  const doc = new Y.Doc();
  const records = new RosterRecords(doc);
  const idOf = new Map<string, string>();
  doc.transact(() => {
    for (const { id, ...fields } of guardians) idOf.set(id, records.createGuardian(fields as GuardianFields));
    for (const { id: _id, ...fields } of children) {
      const linked: ChildFields = { ...fields };
      for (const link of ["fatherId", "motherId", "guardianId"] as const) {
        const target = fields[link];
        if (target) linked[link] = idOf.get(target) ?? null;
      }
      records.createChild(linked);
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  records.destroy();
  doc.destroy();
  return update;
}

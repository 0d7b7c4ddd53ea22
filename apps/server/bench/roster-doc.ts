import * as Y from "yjs";
import { RosterRecords } from "@roster/doc";
import { generateRoster } from "@roster/synth";
import { recordsUpdate } from "../src/seed/seed-rosters";

/** A synthetic roster as the server stores it after `roster seed`: one update. */
export interface SeededRoster {
  update: Uint8Array;
  /** The children's ids in the document (records get fresh ids when written). */
  childIds: string[];
}

/** Generates `children` realistic children (deterministic per `seed`) as one records-doc update. */
export function seededRoster(seed: number, children: number): SeededRoster {
  const generated = generateRoster({ seed, children });
  const update = recordsUpdate(generated.children, generated.guardians);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const records = new RosterRecords(doc);
  const childIds = records.listChildren().map((child) => child.id);
  records.destroy();
  doc.destroy();
  return { update, childIds };
}

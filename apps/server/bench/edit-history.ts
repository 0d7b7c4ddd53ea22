import * as Y from "yjs";
import { RosterRecords, type Actor } from "@roster/doc";
import type { ChildFields } from "@roster/schema";

/** The fields agencies touch after an import, in the order a child's edits take them. */
const ROUNDS = ["note", "vneid", "note", "idCard"] as const;
const NEXT_VNEID = { none: "level1", level1: "level2", level2: "none" } as const;
const NEXT_ID_CARD = { none: "applied", applied: "issued", issued: "none" } as const;
const AGENCIES: Actor[] = [
  { id: "bench-school", name: "Trường Tiểu học Đông" },
  { id: "bench-police", name: "Công an xã" },
  { id: "bench-hamlet", name: "Trưởng thôn" },
];

export interface EditHistory {
  /** Each edit's update, in the order they were made (what the server would store). */
  updates: Uint8Array[];
  /** The state after every edit (all agencies converge to it); the caller destroys it. */
  doc: Y.Doc;
}

/**
 * A realistic history on top of `seedUpdate`: `edits` field edits through `RosterRecords`
 * (so each also appends its edit-log entry), child after child, by three agencies whose
 * documents sync live, so a later edit of a field replaces the earlier one in the log.
 */
export function makeEditHistory(seedUpdate: Uint8Array, childIds: readonly string[], edits: number): EditHistory {
  const docs = AGENCIES.map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate);
    return doc;
  });
  const updates: Uint8Array[] = [];
  const relay = Symbol("relay");
  const listeners = docs.map((doc) => {
    const listener = (update: Uint8Array, origin: unknown) => {
      if (origin === relay) return;
      updates.push(update);
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, relay);
    };
    doc.on("update", listener);
    return listener;
  });
  const records = docs.map((doc) => new RosterRecords(doc));
  for (let i = 0; i < edits; i++) {
    const round = Math.floor(i / childIds.length);
    const id = childIds[i % childIds.length] as string;
    const writer = records[i % records.length] as RosterRecords;
    writer.updateChild(id, patchFor(writer, id, ROUNDS[round % ROUNDS.length] as (typeof ROUNDS)[number], round), AGENCIES[i % AGENCIES.length] as Actor);
  }
  for (const r of records) r.destroy();
  // The caller goes on changing the returned doc (e.g. compacting it): that is not history.
  docs.forEach((doc, d) => doc.off("update", listeners[d] as (update: Uint8Array, origin: unknown) => void));
  docs.slice(1).forEach((doc) => doc.destroy());
  return { updates, doc: docs[0] as Y.Doc };
}

function patchFor(records: RosterRecords, id: string, field: (typeof ROUNDS)[number], round: number): ChildFields {
  const child = records.getChild(id);
  if (field === "note") return { note: `Đã gọi phụ huynh lần ${round + 1}, hẹn bổ sung giấy tờ` };
  if (field === "vneid") return { vneid: NEXT_VNEID[child?.vneid ?? "none"] };
  return { idCard: NEXT_ID_CARD[child?.idCard ?? "none"] };
}

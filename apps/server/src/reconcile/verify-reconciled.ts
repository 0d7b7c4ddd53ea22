// The verification stamps of a reconciliation: each child police ticked whose identity
// agrees with the extract gets an ordinary stamp (its fingerprint, the officer, the time),
// marked as coming from the file, unless the rules still find an error or a field police
// verify is disputed (an open conflict on the child or a linked parent): police never sign
// a disputed value, whether one by one or in bulk.
import type { RosterRecords } from "@roster/doc";
import type { AuditEntry, LocalizedText, Verification } from "@roster/schema";
import { canVerify, disputedVerifiedFields } from "@roster/rules";
import type { ChildMarking } from "../marks/compute-marks";

const REFUSALS = {
  gone: { vi: "Trẻ không còn trong danh sách", en: "The child is no longer in the roster" },
  errors: { vi: "Hồ sơ còn lỗi, chưa thể xác minh", en: "The record still has errors and cannot be verified" },
  conflict: { vi: "Có trường đang bị sửa khác nhau, cần chọn giá trị trước", en: "A verified field is disputed: settle it first" },
} satisfies Record<string, LocalizedText>;

export interface ReconcileStamps {
  stamps: Map<string, Verification>;
  audit: AuditEntry[];
  refused: { childId: string; reason: LocalizedText }[];
}

/** Decides the stamps for `childIds` from fresh markings; writes nothing. */
export function reconcileStamps(
  records: RosterRecords,
  markings: ReadonlyMap<string, ChildMarking>,
  childIds: readonly string[],
  who: { id: string; username: string; name: string; source: string; at: string },
): ReconcileStamps {
  const result: ReconcileStamps = { stamps: new Map(), audit: [], refused: [] };
  for (const childId of childIds) {
    const child = records.getChild(childId);
    const marking = markings.get(childId);
    if (!child || !marking || child.removed === true) result.refused.push({ childId, reason: REFUSALS.gone });
    // A dispute first: settling it may be what clears the error too.
    else if (disputedVerifiedFields(marking.evaluation).length > 0) result.refused.push({ childId, reason: REFUSALS.conflict });
    else if (!canVerify(marking.evaluation)) result.refused.push({ childId, reason: REFUSALS.errors });
    else {
      result.stamps.set(childId, { by: who.id, byName: who.name, at: who.at, fingerprint: marking.fingerprint, source: who.source });
      result.audit.push({ at: who.at, user: who.username, childId, field: "verification", from: null, to: marking.fingerprint, kind: "child", source: who.source });
    }
  }
  return result;
}

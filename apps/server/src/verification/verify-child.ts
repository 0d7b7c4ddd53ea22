import type { Roster, Verification } from "@roster/schema";
import { canVerify, disputedVerifiedFields } from "@roster/rules";
import { assertCanVerify } from "../auth/access";
import { ConflictError, NotFoundError } from "../errors";
import type { RosterHub } from "../rosters/roster-hub";
import type { AuditStore, StoredUser } from "../storage/store";
import { SERVER_ORIGIN } from "../sync";

/** What verification needs: the documents, the audit, and the server's clock. */
export interface VerificationDeps {
  hub: RosterHub;
  store: AuditStore;
  now: () => Date;
}

export interface VerifyRequest {
  user: StoredUser;
  roster: Roster;
  childId: string;
  /** The record's fingerprint as the officer saw it. */
  fingerprint: string;
}

/**
 * Police verification. The stamp binds the officer to the record's fingerprint at that
 * moment: any later edit of an identity field changes the fingerprint, and the mark drops
 * out of `verified` by itself (`verification.stale`). Refused (409) when the record
 * changed since the officer looked, has errors, or has an open conflict on a field police
 * verify: police never sign a disputed value.
 */
export async function verifyChild(deps: VerificationDeps, request: VerifyRequest): Promise<Verification> {
  const { hub, store } = deps;
  const { user, roster, childId } = request;
  assertCanVerify(user, roster);
  const markings = await hub.markNow(roster.id);
  const marking = markings.get(childId);
  if (!marking) throw new NotFoundError("Không có trẻ này trong danh sách / No such child in this roster");
  if (marking.fingerprint !== request.fingerprint) {
    throw new ConflictError(
      "Hồ sơ đã thay đổi từ khi bạn xem, hãy xem lại trước khi xác minh / The record changed since you looked at it; review it again",
      "fingerprint_stale",
    );
  }
  // A dispute first, as the reconciliation refuses: settling it may be what clears an error too.
  const disputed = disputedVerifiedFields(marking.evaluation);
  if (disputed.length > 0) {
    const fields = disputed.join(", ");
    throw new ConflictError(
      `Có trường đang có hai giá trị khác nhau (${fields}), hãy chọn giá trị đúng trước khi xác minh / ` +
        `A verified field has two disagreeing values (${fields}); settle it before verifying`,
      "verify.conflict",
    );
  }
  if (!canVerify(marking.evaluation)) {
    throw new ConflictError("Hồ sơ còn lỗi, chưa thể xác minh / The record still has errors and cannot be verified", "has_errors");
  }
  const stamp: Verification = {
    by: user.id,
    byName: user.displayName || user.username,
    at: deps.now().toISOString(),
    fingerprint: marking.fingerprint,
  };
  const { room, review } = await hub.review(roster.id);
  room.write(() => review.setVerification(childId, stamp, SERVER_ORIGIN));
  await store.appendAudit(roster.id, [
    { at: stamp.at, user: user.username, childId, field: "verification", from: null, to: stamp.fingerprint, kind: "child" },
  ]);
  await hub.markNow(roster.id);
  return stamp;
}

/** Police withdraw a verification (404 when the record is not verified). */
export async function revokeVerification(
  deps: VerificationDeps,
  request: Omit<VerifyRequest, "fingerprint">,
): Promise<{ revoked: true; childId: string }> {
  const { hub, store } = deps;
  const { user, roster, childId } = request;
  assertCanVerify(user, roster);
  const { room, review } = await hub.review(roster.id);
  const previous = review.verification(childId);
  if (!previous) throw new NotFoundError("Hồ sơ này chưa được xác minh / This record is not verified");
  room.write(() => review.removeVerification(childId, SERVER_ORIGIN));
  await store.appendAudit(roster.id, [
    { at: deps.now().toISOString(), user: user.username, childId, field: "verification", from: previous.fingerprint, to: null, kind: "child" },
  ]);
  await hub.markNow(roster.id);
  return { revoked: true, childId };
}

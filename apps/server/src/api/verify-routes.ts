import { Hono } from "hono";
import { VerifyRequestSchema, type Verification } from "@roster/schema";
import { canVerify } from "@roster/rules";
import { assertCanVerify } from "../auth/access";
import { ConflictError, NotFoundError } from "../errors";
import { SERVER_ORIGIN } from "../sync";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";
import { jsonBody } from "./validate";

/**
 * Police verification. The stamp binds the officer to the record's fingerprint at that
 * moment: any later edit of an identity field changes the fingerprint, and the mark drops
 * out of `verified` by itself (`verification.stale`).
 */
export function verifyRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub } = deps;
  const app = new Hono<AppEnv>();

  app.post("/:id/children/:childId/verify", async (c) => {
    const user = c.var.user;
    const roster = await rosterFor(user, c.req.param("id"), store);
    assertCanVerify(user, roster);
    const body = await jsonBody(c, VerifyRequestSchema);
    const childId = c.req.param("childId");
    const markings = await hub.markNow(roster.id);
    const marking = markings.get(childId);
    if (!marking) throw new NotFoundError("Không có trẻ này trong danh sách / No such child in this roster");
    if (marking.fingerprint !== body.fingerprint) {
      throw new ConflictError(
        "Hồ sơ đã thay đổi từ khi bạn xem, hãy xem lại trước khi xác minh / The record changed since you looked at it; review it again",
        "fingerprint_stale",
      );
    }
    if (!canVerify(marking.evaluation)) {
      throw new ConflictError("Hồ sơ còn lỗi, chưa thể xác minh / The record still has errors and cannot be verified", "has_errors");
    }
    const stamp: Verification = {
      by: user.id,
      byName: user.displayName || user.username,
      at: new Date().toISOString(),
      fingerprint: marking.fingerprint,
    };
    const { room, review } = await hub.review(roster.id);
    room.write(() => review.setVerification(childId, stamp, SERVER_ORIGIN));
    await store.appendAudit(roster.id, [
      { at: stamp.at, user: user.username, childId, field: "verification", from: null, to: stamp.fingerprint, kind: "child" },
    ]);
    await hub.markNow(roster.id);
    return c.json(stamp);
  });

  app.delete("/:id/children/:childId/verify", async (c) => {
    const user = c.var.user;
    const roster = await rosterFor(user, c.req.param("id"), store);
    assertCanVerify(user, roster);
    const childId = c.req.param("childId");
    const { room, review } = await hub.review(roster.id);
    const previous = review.verification(childId);
    if (!previous) throw new NotFoundError("Hồ sơ này chưa được xác minh / This record is not verified");
    room.write(() => review.removeVerification(childId, SERVER_ORIGIN));
    await store.appendAudit(roster.id, [
      { at: new Date().toISOString(), user: user.username, childId, field: "verification", from: previous.fingerprint, to: null, kind: "child" },
    ]);
    await hub.markNow(roster.id);
    return c.json({ revoked: true, childId });
  });

  return app;
}

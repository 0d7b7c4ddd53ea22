import { Hono } from "hono";
import { VerifyRequestSchema } from "@roster/schema";
import { assertCanVerify } from "../auth/access";
import { revokeVerification, verifyChild } from "../verification/verify-child";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";
import { jsonBody } from "./validate";

/** `POST` / `DELETE /api/rosters/:id/children/:childId/verify`: see `verifyChild`. */
export function verifyRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/:id/children/:childId/verify", async (c) => {
    const user = c.var.user;
    const roster = await rosterFor(user, c.req.param("id"), deps.store);
    // Before reading the body: a role that may not verify learns nothing more.
    assertCanVerify(user, roster);
    const { fingerprint } = await jsonBody(c, VerifyRequestSchema);
    return c.json(await verifyChild(deps, { user, roster, childId: c.req.param("childId"), fingerprint }));
  });

  app.delete("/:id/children/:childId/verify", async (c) => {
    const user = c.var.user;
    const roster = await rosterFor(user, c.req.param("id"), deps.store);
    return c.json(await revokeVerification(deps, { user, roster, childId: c.req.param("childId") }));
  });

  return app;
}

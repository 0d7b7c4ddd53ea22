import { Hono } from "hono";
import { RedeemCodeRequestSchema } from "@roster/schema";
import type { AppDeps, AppEnv } from "./deps";
import { jsonBody } from "./validate";

/** `POST /api/password-codes/redeem`: no token needed, the one-time code is the proof. */
export function passwordCodeRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/password-codes/redeem", async (c) => {
    const body = await jsonBody(c, RedeemCodeRequestSchema);
    return c.json(await deps.ownAccount.redeem(body.code, body.password, c.req.header("user-agent")));
  });
  return app;
}

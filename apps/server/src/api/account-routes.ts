import { Hono } from "hono";
import { CreateRosterRequestSchema, CreateUserRequestSchema, PatchRosterRequestSchema, PatchUserRequestSchema } from "@roster/schema";
import { assertCanManage } from "../auth/access";
import type { AppDeps, AppEnv } from "./deps";
import { jsonBody } from "./validate";

/**
 * The commune admin's routes (DESIGN "Accounts and administration"): users, rosters and
 * the security log of the admin's own commune. Every route first checks the role.
 */
export function accountRoutes(deps: AppDeps): Hono<AppEnv> {
  const { accounts } = deps;
  const app = new Hono<AppEnv>();
  app.use("/users/*", async (c, next) => {
    assertCanManage(c.var.user);
    await next();
  });
  app.use("/users", async (c, next) => {
    assertCanManage(c.var.user);
    await next();
  });
  app.use("/security-log", async (c, next) => {
    assertCanManage(c.var.user);
    await next();
  });

  app.get("/users", async (c) => c.json(await accounts.listUsers(c.var.user)));
  app.post("/users", async (c) => c.json(await accounts.createUser(c.var.user, await jsonBody(c, CreateUserRequestSchema)), 201));
  app.patch("/users/:id", async (c) => c.json(await accounts.patchUser(c.var.user, c.req.param("id"), await jsonBody(c, PatchUserRequestSchema))));
  app.post("/users/:id/reset", async (c) => c.json(await accounts.resetUser(c.var.user, c.req.param("id"))));
  app.get("/security-log", async (c) => c.json(await accounts.securityLog(c.var.user)));

  app.post("/rosters", async (c) => {
    assertCanManage(c.var.user);
    return c.json(await accounts.createRoster(c.var.user, await jsonBody(c, CreateRosterRequestSchema)), 201);
  });
  app.patch("/rosters/:id", async (c) => {
    assertCanManage(c.var.user);
    return c.json(await accounts.patchRoster(c.var.user, c.req.param("id"), await jsonBody(c, PatchRosterRequestSchema)));
  });
  return app;
}

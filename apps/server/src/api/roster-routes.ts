import { Hono } from "hono";
import { AuditQuerySchema, ChildrenQuerySchema, ROLE_ABILITIES, type ChildView, type RosterListItem } from "@roster/schema";
import { canSeeRoster } from "../auth/access";
import { rosterReport } from "../reports/roster-report";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";
import { queryOf } from "./validate";

/** Reads of rosters: the list, children with the server's statuses, the report, the audit. */
export function rosterRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub } = deps;
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const user = c.var.user;
    // Field lists never show an archived roster; the admin's villages screen asks for them.
    const withArchived = c.req.query("archived") === "include" && ROLE_ABILITIES[user.role].manages;
    const rosters = (await store.listRosters(user.commune)).filter((r) => canSeeRoster(user, r) && (withArchived || !r.archived));
    const list: RosterListItem[] = rosters.map(({ id, name, commune, archived }) => ({ id, name, commune, ...(archived ? { archived } : {}) }));
    return c.json(list);
  });

  app.get("/:id/children", async (c) => {
    const roster = await rosterFor(c.var.user, c.req.param("id"), store);
    const { status } = queryOf(c, ChildrenQuerySchema);
    await hub.ensureMeta(roster);
    const markings = await hub.markNow(roster.id);
    const records = await hub.records(roster.id);
    const out: ChildView[] = [];
    for (const child of records.listChildren()) {
      const marking = markings.get(child.id);
      if (!marking || (status && marking.status !== status)) continue;
      out.push({
        ...child,
        status: marking.status,
        fingerprint: marking.fingerprint,
        findings: marking.findings.map(({ code, field, severity }) => ({ code, field, severity })),
      });
    }
    return c.json(out);
  });

  app.get("/:id/report", async (c) => {
    const roster = await rosterFor(c.var.user, c.req.param("id"), store);
    const markings = await hub.markNow(roster.id);
    const records = await hub.records(roster.id);
    return c.json(rosterReport(roster.id, records.listChildren(), markings, hub.asOf()));
  });

  app.get("/:id/audit", async (c) => {
    const user = c.var.user;
    const roster = await rosterFor(user, c.req.param("id"), store);
    const { childId } = queryOf(c, AuditQuerySchema);
    // Every role that sees a roster may read who changed it: accountability is shared.
    return c.json(await store.listAudit(roster.id, childId ? { childId } : {}));
  });

  return app;
}

import { Hono } from "hono";
import { ExportQuerySchema } from "@roster/schema";
import { rosterExport } from "../reports/roster-export";
import type { AppDeps, AppEnv } from "./deps";
import { download } from "./download";
import { rosterFor } from "./roster-access";
import { queryOf } from "./validate";

/**
 * `GET /api/rosters/:id/export`: the lists of the cleaning procedure as files. Statuses
 * are the server's own (evaluated now, verifications applied), so `status=verified` and
 * the handover list hold exactly what the police verified on the current data.
 */
export function exportRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub } = deps;
  const app = new Hono<AppEnv>();

  app.get("/:id/export", async (c) => {
    const roster = await rosterFor(c.var.user, c.req.param("id"), store);
    const query = queryOf(c, ExportQuerySchema);
    await hub.ensureMeta(roster);
    const markings = await hub.markNow(roster.id);
    const file = await rosterExport({
      roster,
      communeName: (await store.getCommune(roster.commune))?.name ?? roster.commune,
      records: await hub.records(roster.id),
      markings,
      asOf: hub.asOf(),
      list: query.list,
      format: query.format,
      status: query.status,
    });
    return download(c, file.body, file.format, file.name);
  });

  return app;
}

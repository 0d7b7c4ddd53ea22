import { Hono } from "hono";
import { z } from "zod";
import { StatusSchema } from "@roster/schema";
import { BadRequestError } from "../errors";
import { rosterExport } from "../reports/roster-export";
import type { AppDeps, AppEnv } from "./deps";
import { download } from "./download";
import { rosterFor } from "./roster-access";
import { queryOf } from "./validate";

/** DESIGN's `format=xlsx|csv[&status=…]`, plus `list` (the procedure's step) and the printable `html`. */
const ExportQuery = z.object({
  format: z.enum(["xlsx", "csv", "html"]).default("xlsx"),
  status: StatusSchema.optional(),
  /** `cleaned` (step 4, the default), `problems` (step 1), `handover` (step 3). */
  list: z.enum(["cleaned", "problems", "handover"]).optional(),
});

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
    const query = queryOf(c, ExportQuery);
    const list = query.list ?? (query.format === "html" ? "handover" : "cleaned");
    if (query.format === "html" && list !== "handover") {
      throw new BadRequestError("Chỉ danh sách bàn giao có bản in HTML / Only the handover list has a printable HTML form", "invalid_query");
    }
    await hub.ensureMeta(roster);
    const markings = await hub.markNow(roster.id);
    const file = await rosterExport({
      roster,
      communeName: (await store.getCommune(roster.commune))?.name ?? roster.commune,
      records: await hub.records(roster.id),
      markings,
      asOf: hub.asOf(),
      list,
      format: query.format,
      status: query.status,
    });
    return download(c, file.body, file.format, file.name);
  });

  return app;
}

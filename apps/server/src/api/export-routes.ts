import { Hono } from "hono";
import { z } from "zod";
import { StatusSchema, type Child } from "@roster/schema";
import {
  exportCleanedList,
  exportHandoverList,
  exportProblemList,
  handoverHtml,
  tableToCsv,
  tableToXlsx,
  type ExportTable,
} from "@roster/spreadsheet";
import { BadRequestError } from "../errors";
import { FILE_WORDS } from "../reports/report-words";
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
    const records = await hub.records(roster.id);
    const guardians = records.guardiansById();
    const asOf = hub.asOf();
    const commune = (await store.getCommune(roster.commune))?.name ?? roster.commune;
    const children: Child[] = records
      .listChildren()
      .filter((child) => markings.has(child.id) && (!query.status || markings.get(child.id)!.status === query.status));

    let table: ExportTable;
    if (list === "cleaned") {
      table = exportCleanedList(children, guardians);
    } else if (list === "problems") {
      // The server's statuses and findings (verification.stale and conflicts included).
      const evaluations = new Map(
        children.map((child) => {
          const m = markings.get(child.id)!;
          return [child.id, { status: m.status === "needs-fix" ? "needs-fix" : "clean", findings: m.findings }] as const;
        }),
      );
      table = exportProblemList(children, guardians, evaluations, { village: roster.name, commune, asOf });
    } else {
      const verified = new Set(children.filter((child) => markings.get(child.id)!.status === "verified").map((child) => child.id));
      const handover = exportHandoverList(children, guardians, {
        village: roster.name,
        commune,
        date: asOf,
        verified,
        issuer: [`UBND ${commune.toUpperCase()}`, roster.name.toUpperCase()],
      });
      if (query.format === "html") return download(c, handoverHtml(handover), "html", `${FILE_WORDS.handover} - ${roster.name} - ${asOf}`);
      table = handover.table;
    }
    const name = `${FILE_WORDS[list]} - ${roster.name} - ${asOf}`;
    if (query.format === "csv") return download(c, tableToCsv(table), "csv", name);
    return download(c, await tableToXlsx(table), "xlsx", name);
  });

  return app;
}

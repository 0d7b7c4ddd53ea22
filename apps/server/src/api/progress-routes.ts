import { Hono } from "hono";
import { z } from "zod";
import type { Roster } from "@roster/schema";
import { dailyReportXlsx, tableToCsv, tableToXlsx } from "@roster/spreadsheet";
import { canSeeRoster } from "../auth/access";
import { followUpList, followUpTable } from "../reports/follow-up";
import { dailyReportInput, progressReport } from "../reports/progress-report";
import { FILE_WORDS } from "../reports/report-words";
import type { AppDeps, AppEnv } from "./deps";
import { download } from "./download";
import { rosterFor } from "./roster-access";
import { queryOf } from "./validate";

const FollowUpQuery = z.object({ format: z.enum(["json", "xlsx", "csv"]).default("json") });

/**
 * Campaign progress: figures per roster and for the commune with the daily series the
 * server keeps, the daily report (one XLSX template), and the follow-up list. Every role
 * that sees a roster sees its progress; a hamlet head's commune view covers its rosters.
 */
export function progressRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub } = deps;
  const app = new Hono<AppEnv>();
  const visibleRosters = async (c: { var: { user: AppEnv["Variables"]["user"] } }): Promise<Roster[]> => {
    const user = c.var.user;
    return (await store.listRosters(user.commune)).filter((r) => canSeeRoster(user, r));
  };
  const communeOf = async (code: string) => (await store.getCommune(code))?.name ?? code;

  app.get("/progress", async (c) => {
    const user = c.var.user;
    return c.json(await progressReport(deps, user.commune, await visibleRosters(c)));
  });

  app.get("/progress/daily-report.xlsx", async (c) => {
    const user = c.var.user;
    const input = await dailyReportInput(deps, user.commune, await visibleRosters(c));
    return download(c, await dailyReportXlsx(input), "xlsx", `${FILE_WORDS.dailyReport} - ${input.communeName} - ${input.date}`);
  });

  app.get("/rosters/:id/progress", async (c) => {
    const roster = await rosterFor(c.var.user, c.req.param("id"), store);
    return c.json(await progressReport(deps, roster.commune, [roster]));
  });

  app.get("/rosters/:id/progress/daily-report.xlsx", async (c) => {
    const roster = await rosterFor(c.var.user, c.req.param("id"), store);
    const input = await dailyReportInput(deps, roster.commune, [roster]);
    return download(c, await dailyReportXlsx(input), "xlsx", `${FILE_WORDS.dailyReport} - ${roster.name} - ${input.date}`);
  });

  app.get("/rosters/:id/follow-up", async (c) => {
    const roster = await rosterFor(c.var.user, c.req.param("id"), store);
    const { format } = queryOf(c, FollowUpQuery);
    const records = await hub.records(roster.id);
    const list = followUpList(roster.id, roster.name, records.listChildren(), records.guardiansById(), hub.asOf());
    if (format === "json") return c.json(list);
    const table = followUpTable(list, roster.name, await communeOf(roster.commune));
    const name = `${FILE_WORDS.followUp} - ${roster.name} - ${list.asOf}`;
    return format === "csv" ? download(c, tableToCsv(table), "csv", name) : download(c, await tableToXlsx(table), "xlsx", name);
  });

  return app;
}

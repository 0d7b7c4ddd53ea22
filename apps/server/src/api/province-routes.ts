import { Hono } from "hono";
import { ROLE_ABILITIES } from "@roster/schema";
import { dailyReportXlsx } from "@roster/spreadsheet";
import { ForbiddenError } from "../errors";
import { provinceDailyReportInput, provinceProgress } from "../reports/province-report";
import { FILE_WORDS } from "../reports/report-words";
import type { AppDeps, AppEnv } from "./deps";
import { download } from "./download";

/** Province oversight (`province` role only): counts of every commune of the province, never personal data. */
export function provinceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    const user = c.var.user;
    if (!ROLE_ABILITIES[user.role].oversees || !user.province) {
      throw new ForbiddenError("Chỉ tài khoản cấp tỉnh xem được / Only province accounts may see this", "not_province");
    }
    await next();
  });
  app.get("/progress", async (c) => c.json(await provinceProgress(deps, c.var.user.province ?? "")));
  app.get("/daily-report.xlsx", async (c) => {
    const input = await provinceDailyReportInput(deps, c.var.user.province ?? "");
    return download(c, await dailyReportXlsx(input), "xlsx", `${FILE_WORDS.dailyReport} - ${input.communeName} - ${input.date}`);
  });
  return app;
}

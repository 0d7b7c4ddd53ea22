import type { Env } from "../env";
import type { Logger } from "../observability/logger";
import type { RosterHub } from "../rosters/roster-hub";
import type { Store, StoredUser } from "../storage/store";
import type { TokenService } from "../auth/tokens";
import type { LoginThrottle } from "../auth/login-throttle";
import type { HttpStats } from "../observability/http-stats";
import type { DailyProgress } from "../reports/daily-progress";
import type { SpreadsheetReader } from "../imports/spreadsheet-reader";

/** What the HTTP layer needs, passed in explicitly (no module-level state). */
export interface AppDeps {
  env: Env;
  store: Store;
  hub: RosterHub;
  tokens: TokenService;
  throttle: LoginThrottle;
  logger: Logger;
  httpStats: HttpStats;
  /** The server's clock (tests set it): dates of imports, exports and the daily series. */
  now: () => Date;
  /** Keeps each roster's daily campaign figures (one entry per day, past days frozen). */
  progress: DailyProgress;
  /** Reads uploaded lists in memory-capped worker threads. */
  spreadsheets: SpreadsheetReader;
}

/** Hono context variables set by the auth middleware. */
export interface AppVariables {
  user: StoredUser;
}

export interface AppEnv {
  Variables: AppVariables;
}

import type { Env } from "../env";
import type { Logger } from "../observability/logger";
import type { RosterHub } from "../rosters/roster-hub";
import type { Store, StoredSession, StoredUser } from "../storage/store";
import type { SessionService } from "../auth/sessions";
import type { AccountAdmin } from "../accounts/account-admin";
import type { OwnAccount } from "../accounts/own-account";
import type { LoginThrottle } from "../auth/login-throttle";
import type { HttpStats } from "../observability/http-stats";
import type { DailyProgress } from "../reports/daily-progress";

/** What the HTTP layer needs, passed in explicitly (no module-level state). */
export interface AppDeps {
  env: Env;
  store: Store;
  hub: RosterHub;
  sessions: SessionService;
  accounts: AccountAdmin;
  ownAccount: OwnAccount;
  throttle: LoginThrottle;
  logger: Logger;
  httpStats: HttpStats;
  /** The server's clock (tests set it): dates of imports, exports and the daily series. */
  now: () => Date;
  /** Keeps each roster's daily campaign figures (one entry per day, past days frozen). */
  progress: DailyProgress;
}

/** Hono context variables set by the auth middleware. */
export interface AppVariables {
  user: StoredUser;
  session: StoredSession;
}

export interface AppEnv {
  Variables: AppVariables;
}

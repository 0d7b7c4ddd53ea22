import type { Env } from "../env";
import type { Logger } from "../observability/logger";
import type { RosterHub } from "../rosters/roster-hub";
import type { Store, StoredUser } from "../storage/store";
import type { TokenService } from "../auth/tokens";
import type { LoginThrottle } from "../auth/login-throttle";
import type { HttpStats } from "../observability/http-stats";

/** What the HTTP layer needs, passed in explicitly (no module-level state). */
export interface AppDeps {
  env: Env;
  store: Store;
  hub: RosterHub;
  tokens: TokenService;
  throttle: LoginThrottle;
  logger: Logger;
  httpStats: HttpStats;
}

/** Hono context variables set by the auth middleware. */
export interface AppVariables {
  user: StoredUser;
}

export interface AppEnv {
  Variables: AppVariables;
}

import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { LoginThrottle } from "./auth/login-throttle";
import { sharedTokenSecret, tokenSecret } from "./auth/token-secret";
import { TokenService } from "./auth/tokens";
import { LiveConnections } from "./auth/live-connections";
import { SessionService } from "./auth/sessions";
import { AccountAdmin } from "./accounts/account-admin";
import { OwnAccount } from "./accounts/own-account";
import type { Env } from "./env";
import { HttpStats } from "./observability/http-stats";
import { createLogger, type Logger } from "./observability/logger";
import { RosterHub } from "./rosters/roster-hub";
import { openStore } from "./storage/open-store";
import { acquireInstanceLock } from "./instance-lock";
import type { Store } from "./storage/store";
import { createSyncEndpoint } from "./sync-endpoint";
import { CloseCode } from "./sync";
import { DailyProgress } from "./reports/daily-progress";
import { SpreadsheetReader } from "./imports/spreadsheet-reader";
import { YjsWorkerPool } from "./workers/yjs-worker-pool";
import { clusterSettings } from "./rosters/cluster-settings";

export interface RunningServer {
  port: number;
  url: string;
  store: Store;
  hub: RosterHub;
  logger: Logger;
  progress: DailyProgress;
  close(): Promise<void>;
}

/**
 * Starts the whole server (HTTP API, PWA, sync) on `env.PORT` (0 = any free port) and
 * resolves once it listens. `close()` stops accepting, drains every pending write and
 * closes the store.
 */
export async function startServer(
  env: Env,
  options: {
    logger?: Logger;
    now?: () => Date;
    /** False only in the fan-out benchmark, to measure what the server guard costs. */
    guard?: boolean;
  } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  // One clock for evaluation dates, imports and the daily series; tests move it.
  const now = options.now ?? (() => new Date());
  const lock = await acquireInstanceLock(env, logger);
  let store: Store;
  let secret: string;
  try {
    store = await openStore(env);
    secret = env.DATABASE_URL ? await sharedTokenSecret(store, env.TOKEN_SECRET) : tokenSecret(env.DATA_DIR, env.TOKEN_SECRET);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const offload = new YjsWorkerPool();
  let url = "";
  const cluster = env.REDIS_URL ? clusterSettings(env, store, logger, () => url || undefined) : undefined;
  const hub = new RosterHub({
    ...(cluster ? { cluster } : {}),
    store,
    logger,
    offload,
    buildDelayMs: env.DOC_BUILD_DELAY_MS,
    idleUnloadMs: env.IDLE_UNLOAD_MS,
    compactEvery: env.COMPACT_EVERY,
    markDebounceMs: env.MARK_DEBOUNCE_MS,
    now,
    ...(options.guard === false ? { guard: false } : {}),
    limits: {
      maxMessageBytes: env.MAX_MESSAGE_BYTES,
      rateLimit: { messagesPerSecond: env.RATE_LIMIT_PER_SECOND, burst: env.RATE_LIMIT_BURST },
    },
  });
  const progress = new DailyProgress({ store, hub, logger, now, ...(cluster ? { uncached: true } : {}) });
  const tokens = new TokenService(secret, Math.round(env.TOKEN_TTL_HOURS * 3600));
  // Scaled mode: an account change reaches the user's sockets on every instance.
  const live = new LiveConnections(cluster ? (userId) => void cluster.bus.publishAccountChange(userId).catch(() => undefined) : undefined);
  const stopAccountRelay = cluster?.bus.onAccountChange((userId) => live.recheck(userId));
  // Messages lost while the bus was away: check every open connection again.
  const stopAccountResync = cluster?.bus.onResync(() => live.recheck());
  const sessions = new SessionService({ store, tokens, live });
  const app = createApp({
    env,
    store,
    hub,
    sessions,
    accounts: new AccountAdmin({ store, sessions, live, now }),
    ownAccount: new OwnAccount({ store, sessions, now }),
    throttle: new LoginThrottle(store, env.LOGIN_ATTEMPTS),
    logger,
    httpStats: new HttpStats(),
    now,
    progress,
    spreadsheets: new SpreadsheetReader(),
  });
  const sync = createSyncEndpoint({ hub, sessions, live, store, logger, maxMessageBytes: env.MAX_MESSAGE_BYTES });

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s as Server));
  });
  server.on("upgrade", sync.handleUpgrade);
  const port = (server.address() as AddressInfo).port;
  url = `http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${port}`;
  logger.info("server.listening", {
    port,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    web: env.WEB_DIST ?? null,
    ...(cluster ? { instance: cluster.instance, instanceUrl: cluster.url?.() ?? null } : {}),
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      server.off("upgrade", sync.handleUpgrade);
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      // Rooms first: their clients get 1012 ("service restart", they come back on their own)
      // and every change already applied is stored before the store closes. Sockets still
      // being admitted get the same code from the endpoint.
      await progress.close();
      await hub.close(CloseCode.ServiceRestart);
      stopAccountRelay?.();
      stopAccountResync?.();
      await cluster?.bus.close();
      await offload.close();
      await sync.close();
      await httpClosed;
      await store.close();
      await lock.release();
      logger.info("server.closed");
    })());
  return { port, url, store, hub, logger, progress, close };
}

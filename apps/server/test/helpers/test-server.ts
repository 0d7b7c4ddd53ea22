import { rmSync } from "node:fs";
import { envFor } from "../../src/env";
import type { Logger } from "../../src/observability/logger";
import { startServer, type RunningServer } from "../../src/server";
import { tempDir } from "./temp-dir";

/** The real server in this process, on a free port, over its own DATA_DIR. */
export interface TestServer {
  running: RunningServer;
  dataDir: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://127.0.0.1:PORT/sync` (the stock provider appends `/<room>`). */
  syncUrl: string;
  /** Stops the server (draining every pending write) and keeps DATA_DIR. */
  stop(): Promise<void>;
  /** Stops it and starts a new one over the same DATA_DIR, as an operator restart would. */
  restart(): Promise<TestServer>;
  /** Stops it and deletes DATA_DIR. */
  dispose(): Promise<void>;
}

/** Fast defaults for tests: silent logs, marks 50 ms after a change. */
const TEST_ENV = { PORT: "0", LOG_LEVEL: "silent", MARK_DEBOUNCE_MS: "50", IDLE_UNLOAD_MS: "60000" };

/**
 * Starts `startServer(envFor(...))` on port 0. `env` overrides the test defaults
 * (e.g. `{ MAX_MESSAGE_BYTES: "65536" }`); `dataDir` reuses an existing folder; `options.now`
 * is the server's clock (a test moves it to another day); `options.logger` receives its log
 * events (a test counts what the server did).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
  options: { now?: () => Date; logger?: Logger } = {},
): Promise<TestServer> {
  const dir = dataDir ?? tempDir().path;
  const running = await startServer(envFor({ ...TEST_ENV, ...env, DATA_DIR: dir }), options);
  const stop = () => running.close();
  return {
    running,
    dataDir: dir,
    url: running.url,
    syncUrl: `${running.url.replace(/^http/, "ws")}/sync`,
    stop,
    restart: async () => {
      await stop();
      return startTestServer(env, dir, options);
    },
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readEnv } from "./env";
import { createLogger } from "./observability/logger";
import { ensureDemo } from "./seed/demo";
import { startServer, type RunningServer } from "./server";

/** `pnpm start` / `pnpm demo`: the server process. */
async function main(): Promise<void> {
  const env = readEnv();
  // The built PWA sits beside the server in the repository; found without configuration.
  const here = dirname(fileURLToPath(import.meta.url));
  const bundledWeb = join(here, "../../web/dist");
  if (!env.WEB_DIST && existsSync(join(bundledWeb, "index.html"))) env.WEB_DIST = bundledWeb;
  const logger = createLogger(env.LOG_LEVEL);
  // Handlers first: a supervisor may send SIGTERM the moment the port is open (or even
  // before); the server is then closed as soon as it has started, never killed half-way.
  let stopping: string | undefined;
  const running: { server?: RunningServer } = {};
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    logger.info("server.stopping", { signal });
    // A supervisor waits for us; never hang it on a stuck client or a slow compaction.
    setTimeout(() => {
      logger.error("server.stop_timeout", { ms: env.SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS).unref();
    if (running.server) close(running.server);
  };
  const close = (server: RunningServer) =>
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("server.stop_failed", { error: error instanceof Error ? error : String(error) });
        process.exit(1);
      },
    );
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  const server = await startServer(env, { logger });
  running.server = server;
  if (stopping) {
    close(server);
    return;
  }
  if (process.argv.includes("--demo")) {
    const lines = await ensureDemo(server.store);
    process.stderr.write(["", `roster: ${server.url}`, ...lines, ""].join("\n") + "\n");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Không khởi động được / Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

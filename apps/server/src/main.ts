import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readEnv } from "./env";
import { createLogger } from "./observability/logger";
import { ensureDemo } from "./seed/demo";
import { startServer } from "./server";

/** `pnpm start` / `pnpm demo`: the server process. */
async function main(): Promise<void> {
  const env = readEnv();
  // The built PWA sits beside the server in the repository; found without configuration.
  const here = dirname(fileURLToPath(import.meta.url));
  const bundledWeb = join(here, "../../web/dist");
  if (!env.WEB_DIST && existsSync(join(bundledWeb, "index.html"))) env.WEB_DIST = bundledWeb;
  const logger = createLogger(env.LOG_LEVEL);
  const server = await startServer(env, { logger });
  if (process.argv.includes("--demo")) {
    const lines = await ensureDemo(server.store);
    process.stderr.write(["", `roster: ${server.url}`, ...lines, ""].join("\n") + "\n");
  }
  const stop = (signal: string) => {
    logger.info("server.stopping", { signal });
    // A supervisor waits for us; never hang it on a stuck client or a slow compaction.
    setTimeout(() => {
      logger.error("server.stop_timeout", { ms: env.SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("server.stop_failed", { error: error instanceof Error ? error : String(error) });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Không khởi động được / Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { envFor } from "../../src/env";
import { startServer } from "../../src/server";
import { serveParent } from "../child-rpc";
import { loopDelayHandler } from "../loop-delay";

// Our server, as `pnpm start` runs it (default limits, debounce and compaction unless
// overridden), in a process of its own. argv: DATA_DIR [ENV_OVERRIDES_JSON] [unguarded]
// ("unguarded": without the server guard, only to measure what the guard costs).

const [dataDir, overrides = "{}", mode] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: our-server-child.ts DATA_DIR [ENV_OVERRIDES_JSON] [unguarded]");
const env = envFor({ LOG_LEVEL: "warn", ...(JSON.parse(overrides) as Record<string, string>), DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" });
const server = await startServer(env, mode === "unguarded" ? { guard: false } : {});

serveParent(
  { port: server.port },
  {
    cpu: () => process.cpuUsage(),
    loop: loopDelayHandler(),
    stop: () => server.close(),
  },
);

import { envFor } from "../../src/env";
import { startServer } from "../../src/server";
import { serveParent } from "../child-rpc";

// Our server as `pnpm start` runs it, in a fresh process of its own. argv: DATA_DIR
// [ENV_OVERRIDES_JSON]. Besides `stop`, the parent may ask for a full garbage collection
// (`gc`, when started with --expose-gc) before it reads memory from `/metrics`, for the
// ArrayBuffer bytes `/metrics` does not show (`memory`), and for a compaction of one
// document through the server's own path (`compact`, to prepare a stored snapshot).

const [dataDir, overrides = "{}"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: server-child.ts DATA_DIR [ENV_OVERRIDES_JSON]");
const env = envFor({ LOG_LEVEL: "warn", ...(JSON.parse(overrides) as Record<string, string>), DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" });
const server = await startServer(env);
const gc = (globalThis as { gc?: () => void }).gc;

serveParent(
  { port: server.port, gcExposed: gc !== undefined },
  {
    gc: () => {
      gc?.();
      return gc !== undefined;
    },
    memory: () => {
      const m = process.memoryUsage();
      return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external, rss: m.rss };
    },
    compact: async (docName) => {
      const room = await server.hub.registry.getOrLoad(docName as string);
      return room.compact();
    },
    stop: () => server.close(),
  },
);

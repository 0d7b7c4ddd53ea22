import * as Y from "yjs";
import { envFor } from "../../src/env";
import { startServer, type RunningServer } from "../../src/server";
import { openStore } from "../../src/storage/open-store";
import { syncDocName } from "../../src/sync";
import { serveParent } from "../child-rpc";
import { connectClient, destroyClients, login } from "../fanout/clients";
import { waitUntil } from "../wait";
import { COLD_PASSWORD, COLD_ROSTER, COLD_USER } from "./fixture";
import { loadDocUpdates } from "../../src/storage/stored-doc";

// One cold start in a fresh process, on a fresh copy of a template DATA_DIR. argv: DATA_DIR MODE.
// - `load`: the server starts, then `registry.getOrLoad` loads the roster (the hub's
//   attachment included), then the first marks run; memory is measured around both.
// - `connect`: the server starts, then a stock client in this process connects and syncs,
//   as a user opening the roster would (its decoding is part of the time).
// - `yjs`: no server; the stored updates are read and `Y.applyUpdate` alone is timed, the
//   floor under any load time.

type Result = Record<string, number | boolean>;
const MODES = ["load", "connect", "yjs"] as const;
const [dataDir, mode] = process.argv.slice(2) as [string | undefined, (typeof MODES)[number]];
if (!dataDir || !MODES.includes(mode)) throw new Error(`usage: load-child.ts DATA_DIR ${MODES.join("|")}`);
const docName = syncDocName("records", COLD_ROSTER);
const gc = (globalThis as { gc?: () => void }).gc;

function memory() {
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external + m.arrayBuffers, rss: m.rss };
}

async function measureYjs(dir: string): Promise<Result> {
  const store = await openStore({ DATA_DIR: dir });
  const updates = await loadDocUpdates(store, docName);
  await store.close();
  gc?.();
  const doc = new Y.Doc();
  const started = performance.now();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return { applyMs: performance.now() - started, children: doc.getMap("children").size };
}

async function measureLoad(server: RunningServer): Promise<Result> {
  const before = memory();
  const started = performance.now();
  const room = await server.hub.registry.getOrLoad(docName);
  const loadMs = performance.now() - started;
  const loaded = memory();
  // The first evaluation is scheduled on load; it is what makes the roster's marks current.
  const marksStarted = performance.now();
  await waitUntil(() => server.hub.markStats.runs > 0, 120_000, "the first marks", 5);
  await (await server.hub.review(COLD_ROSTER)).room.whenPersisted();
  const firstMarksMs = performance.now() - marksStarted;
  const marked = memory();
  return {
    loadMs,
    children: room.doc.getMap("children").size,
    heapDeltaBytes: loaded.heapUsed - before.heapUsed,
    externalDeltaBytes: loaded.external - before.external,
    rssDeltaBytes: loaded.rss - before.rss,
    firstMarksMs,
    markRunMs: server.hub.markStats.lastMs,
    heapDeltaAfterMarksBytes: marked.heapUsed - before.heapUsed,
    rssDeltaAfterMarksBytes: marked.rss - before.rss,
  };
}

async function measureConnect(server: RunningServer): Promise<Result> {
  const token = await login(server.url, COLD_USER, COLD_PASSWORD);
  const started = performance.now();
  const client = connectClient(`ws://127.0.0.1:${server.port}`, COLD_ROSTER, 0, token);
  try {
    await waitUntil(() => client.provider.synced, 120_000, "the first sync", 1);
    return { firstSyncMs: performance.now() - started, children: client.doc.getMap("children").size };
  } finally {
    destroyClients([client]);
  }
}

if (mode === "yjs") {
  serveParent({ gcExposed: gc !== undefined, ...(await measureYjs(dataDir)) }, {});
} else {
  const server = await startServer(envFor({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" }));
  const result = mode === "load" ? await measureLoad(server) : await measureConnect(server);
  serveParent({ gcExposed: gc !== undefined, ...result }, { stop: () => server.close() });
}

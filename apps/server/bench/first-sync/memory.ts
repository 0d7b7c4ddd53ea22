import { median } from "../stats";
import { VIEWER, WRITER, type FirstSyncFixture, type StoredVariant } from "./fixture";
import { EMPTY_STATE_VECTOR, NO_BUILD } from "./new-client";
import { sumOf, withOurServer, type OurServer } from "./our-server";

/** Samples per reading (each after a full GC when the process allows it): their median. */
const SAMPLES = 5;

/** Memory a server holds for one roster: after minus before it was opened, in bytes. */
export interface MemoryRun {
  heapGrowth: number;
  /** ArrayBuffers (the stored bytes themselves live there, outside the V8 heap). */
  arrayBuffersGrowth: number;
  rssGrowth: number;
  docsBuilt: number;
  gcExposed: boolean;
}

/**
 * A fresh server (started with --expose-gc) on a copy of `variant`: memory before the
 * roster is opened, then with one client synced and connected. `built: false`: a viewer,
 * the build 60 s away, so the server holds only the stored bytes; `built: true`: a writer,
 * the build at once, and the first marks run (what a built roster costs).
 */
export async function measureMemory(fixture: FirstSyncFixture, variant: StoredVariant, runDir: string, serverEnv: Record<string, string>, built: boolean): Promise<MemoryRun> {
  const env = { ...serverEnv, ...(built ? { DOC_BUILD_DELAY_MS: "0" } : NO_BUILD) };
  return withOurServer(variant, runDir, { env, exposeGc: true }, async (server) => {
    const { gcExposed } = (await server.child.ready) as { gcExposed: boolean };
    const { token } = await server.login(built ? WRITER : VIEWER);
    const before = await sample(server);
    const client = await server.openRaw(fixture.rosterId, token);
    try {
      await client.requestSync(EMPTY_STATE_VECTOR);
      if (built) {
        await server.waitForMetrics(
          (m) => sumOf(m, "roster_docs_built_total") >= 1 && sumOf(m, "roster_mark_runs_total") >= 1,
          120_000,
          "the build and the first marks",
        );
      }
      const after = await sample(server);
      return {
        heapGrowth: after.heap - before.heap,
        arrayBuffersGrowth: after.arrayBuffers - before.arrayBuffers,
        rssGrowth: after.rss - before.rss,
        docsBuilt: await server.metric("roster_docs_built_total"),
        gcExposed,
      };
    } finally {
      await client.close();
    }
  });
}

/** Heap and RSS from `/metrics` and ArrayBuffers from the process, each the median of `SAMPLES` after a GC. */
async function sample(server: OurServer): Promise<{ heap: number; rss: number; arrayBuffers: number }> {
  const heap: number[] = [];
  const rss: number[] = [];
  const arrayBuffers: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await server.child.request("gc");
    const metrics = await server.metrics();
    heap.push(sumOf(metrics, "roster_process_heap_used_bytes"));
    rss.push(sumOf(metrics, "roster_process_resident_bytes"));
    arrayBuffers.push(((await server.child.request("memory")) as { arrayBuffers: number }).arrayBuffers);
  }
  return { heap: median(heap), rss: median(rss), arrayBuffers: median(arrayBuffers) };
}

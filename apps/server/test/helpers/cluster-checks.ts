import { RosterRecords } from "@roster/doc";
import { expect } from "vitest";
import { loadStoredDoc } from "../../src/rosters/stored-roster";
import { syncDocName } from "../../src/sync";
import type { TestCluster } from "./cluster";
import type { EditLoad } from "./edit-load";
import { aChildWithoutPid } from "./fixtures";
import { metric } from "./cluster-probes";
import type { ServerProcess } from "./server-process";
import { connectClient, whenSynced, type SyncClient } from "./sync-clients";
import { eventually } from "./wait";

/**
 * Nothing lost: every client, a fresh client of `fresh` and the store itself hold every
 * edit the load made.
 */
export async function expectNothingLost(
  cluster: TestCluster,
  load: EditLoad,
  clients: readonly SyncClient[],
  fresh: ServerProcess,
  rosterId: string,
  token: string,
): Promise<void> {
  await eventually(() => {
    for (const [i, client] of clients.entries()) expect(load.missingIn(client.records()), `client ${i}`).toEqual([]);
  }, 60_000);
  const newcomer = connectClient(fresh.syncUrl, rosterId, token);
  try {
    await whenSynced(newcomer, 15_000);
    await eventually(() => expect(load.missingIn(newcomer.records()), "a fresh client").toEqual([]), 15_000);
  } finally {
    newcomer.destroy();
  }
  const store = await cluster.store();
  const doc = await loadStoredDoc(store, syncDocName("records", rosterId));
  const records = new RosterRecords(doc);
  try {
    expect(load.missingIn(records), "the store").toEqual([]);
  } finally {
    records.destroy();
    doc.destroy();
    await store.close();
  }
}

/**
 * The relay works again: a new edit by `writer` reaches `reader` (a client of `via`, which
 * does not own the roster) carried by the bus: `via`'s count of updates taken from the bus
 * grows, and it arrives sooner than a replica's catch-up from the store would bring it.
 * Resolves to the time it took.
 */
export async function expectRelayed(writer: SyncClient, reader: SyncClient, via: ServerProcess, boundMs: number, fullName: string): Promise<number> {
  const relayedBefore = await metric(via, "roster_relayed_updates_total");
  const started = performance.now();
  const id = writer.records().createChild(aChildWithoutPid({ fullName }));
  await eventually(() => expect(reader.records().getChild(id)?.fullName).toBe(fullName), 20_000);
  const tookMs = performance.now() - started;
  expect(tookMs, `relayed in ${Math.round(tookMs)} ms`).toBeLessThan(boundMs);
  expect(await metric(via, "roster_relayed_updates_total")).toBeGreaterThan(relayedBefore);
  return tookMs;
}

import * as Y from "yjs";
import { RosterRecords, type Actor } from "@roster/doc";
import { forkBenchChild } from "../child-rpc";
import { connectClient, destroyClients, type BenchClient } from "../fanout/clients";
import { sleep, waitUntil } from "../wait";
import { VIEWER, WRITER, storedUpdatesOf, type FirstSyncFixture, type StoredVariant } from "./fixture";
import { EMPTY_STATE_VECTOR } from "./new-client";
import { sumOf, withOurServer, type OurServer } from "./our-server";
import { openRawSyncClient, type RawSyncClient, type SyncReceipt } from "./raw-client";

/** A room with no connection unloads (and compacts) this soon, for case (b). */
const IDLE_UNLOAD_MS = "500";
/** The one edit the returning client lacks: a note on this child. */
const EDITED_CHILD = 7;

/** A returning client's answer: the first reconnection, then the same again (warm). */
export interface ReconnectAnswer {
  answerMs: number;
  warmAnswerMs: number;
  bytes: number;
  frames: number;
  /** Stored parts the server left out because the client's state vector covers them. */
  partsSkipped?: number;
}

export interface OurReconnectRun {
  /** The edit in the stored tail, after the snapshot. */
  tail: ReconnectAnswer;
  /** The room unloaded and compacted the edit into the snapshot before the client came back. */
  compacted: ReconnectAnswer;
}

/**
 * Our server on a copy of `variant` (a compacted snapshot): a viewer syncs and leaves; a
 * writer (stock provider) adds one note; the viewer comes back with its state vector, (a)
 * while the note is in the tail, then (b) after the room unloaded and compacted it.
 */
export async function measureOurReconnect(fixture: FirstSyncFixture, variant: StoredVariant, runDir: string, serverEnv: Record<string, string>): Promise<OurReconnectRun> {
  return withOurServer(variant, runDir, { env: { ...serverEnv, IDLE_UNLOAD_MS } }, async (server) => {
    const viewer = await server.login(VIEWER);
    const writerSession = await server.login(WRITER);
    const away = await syncAway(() => server.openRaw(fixture.rosterId, viewer.token), fixture.children);
    const writer = connectClient(server.wsUrl, fixture.rosterId, 0, writerSession.token);
    let writerGone = false;
    try {
      await waitUntil(() => writer.provider.synced && writer.doc.getMap("children").size >= fixture.children, 120_000, "the writer to sync", 20);
      const persisted = await server.metric("roster_updates_persisted_total");
      const text = editOnce(writer, fixture, { id: writerSession.userId, name: WRITER });
      await server.waitForMetrics((m) => sumOf(m, "roster_updates_persisted_total") > persisted, 30_000, "the edit to be stored");
      await sleep(200); // anything the server writes after it (a repair, a witness) lands too
      const tail = await returnTwice(server, () => server.openRaw(fixture.rosterId, viewer.token), away, fixture, text);

      const compactions = await server.metric("roster_compactions_total");
      destroyClients([writer]);
      writerGone = true;
      await server.waitForMetrics(
        (m) => sumOf(m, "roster_docs_loaded") === 0 && sumOf(m, "roster_compactions_total") > compactions,
        60_000,
        "the idle room to unload and compact",
      );
      const compacted = await returnTwice(server, () => server.openRaw(fixture.rosterId, viewer.token), away, fixture, text);
      return { tail, compacted };
    } finally {
      if (!writerGone) destroyClients([writer]);
      away.destroy();
    }
  });
}

/**
 * The same with `@y/websocket-server` (in memory, no auth), preloaded with the variant's
 * stored updates: it answers from its built doc with `encodeStateAsUpdate(doc, sv)`.
 */
export async function measureReferenceReconnect(fixture: FirstSyncFixture, variant: StoredVariant): Promise<ReconnectAnswer> {
  const child = forkBenchChild(new URL("../fanout/reference-server-child.ts", import.meta.url), []);
  try {
    const { port } = (await child.ready) as { port: number };
    const updates = await storedUpdatesOf(variant, fixture.docName);
    await child.request("preload", updates.map((update) => ({ name: fixture.docName, update })));
    const wsUrl = `ws://127.0.0.1:${port}`;
    const open = () => openRawSyncClient(`${wsUrl}/sync/${fixture.rosterId}`);
    const away = await syncAway(open, fixture.children);
    const writer = connectClient(wsUrl, fixture.rosterId, 0, undefined);
    try {
      await waitUntil(() => writer.provider.synced && writer.doc.getMap("children").size >= fixture.children, 120_000, "the writer to sync", 20);
      const text = editOnce(writer, fixture, { id: "bench-writer", name: WRITER });
      // The reference acknowledges nothing: give the edit time to arrive (checked below).
      await sleep(500);
      return await returnTwice(undefined, open, away, fixture, text);
    } finally {
      destroyClients([writer]);
      away.destroy();
    }
  } finally {
    await child.stop();
  }
}

/** A client that synced in full, then went away: its doc. */
async function syncAway(open: () => Promise<RawSyncClient>, children: number): Promise<Y.Doc> {
  const client = await open();
  try {
    const receipt = await client.requestSync(EMPTY_STATE_VECTOR);
    const doc = new Y.Doc();
    for (const part of receipt.parts) Y.applyUpdate(doc, part);
    if (doc.getMap("children").size !== children) throw new Error(`first-sync: the returning client synced ${doc.getMap("children").size} children`);
    return doc;
  } finally {
    await client.close();
  }
}

/** The one edit: a note on one child, by the writer. */
function editOnce(writer: BenchClient, fixture: FirstSyncFixture, actor: Actor): string {
  const text = `ghi chú ${Date.now()}`;
  writer.records.updateChild(fixture.childIds[EDITED_CHILD] as string, { note: text }, actor);
  return text;
}

/**
 * The returning client twice with the same state vector (the second finds the room loaded
 * and the worker thread started), with our server's count of parts it skipped the first time.
 */
async function returnTwice(
  server: OurServer | undefined,
  open: () => Promise<RawSyncClient>,
  away: Y.Doc,
  fixture: FirstSyncFixture,
  text: string,
): Promise<ReconnectAnswer> {
  const skippedBefore = await server?.metric("roster_sync_parts_skipped_total");
  const first = await returnOnce(open, away, fixture, text);
  const skippedAfter = await server?.metric("roster_sync_parts_skipped_total");
  const again = await returnOnce(open, away, fixture, text);
  const skipped = skippedBefore !== undefined && skippedAfter !== undefined ? { partsSkipped: skippedAfter - skippedBefore } : {};
  return { ...first, warmAnswerMs: again.answerMs, ...skipped };
}

/** Reconnects with `away`'s state vector; checks the answer brings the note. */
async function returnOnce(open: () => Promise<RawSyncClient>, away: Y.Doc, fixture: FirstSyncFixture, text: string): Promise<ReconnectAnswer> {
  const client = await open();
  let receipt: SyncReceipt;
  try {
    receipt = await client.requestSync(Y.encodeStateVector(away));
  } finally {
    await client.close();
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(away));
  for (const part of receipt.parts) Y.applyUpdate(doc, part);
  const records = new RosterRecords(doc);
  const note = records.getChild(fixture.childIds[EDITED_CHILD] as string)?.note;
  records.destroy();
  doc.destroy();
  if (note !== text) throw new Error(`first-sync: the returning client did not get the edit (note ${JSON.stringify(note)})`);
  return { answerMs: receipt.answerMs, warmAnswerMs: Number.NaN, bytes: receipt.bytes, frames: receipt.parts.length };
}

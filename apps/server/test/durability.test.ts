// DESIGN.md "Persistence": "A server killed with SIGKILL and restarted has every update
// that any client ever received." The server runs as its own process; three stock clients
// edit without pause, each recording every update the server relayed to it; the server is
// killed mid-stream, restarted over the same DATA_DIR, and must hold all of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { aChildWithoutPid } from "./helpers/fixtures";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { createAccounts, loginAll, ROSTERS, USERS, type UserKey } from "./helpers/world";

const EDITORS: UserKey[] = ["school", "hamlet", "social"];
const ROSTER = ROSTERS.a5.id;
/** Each client's notes start with its tag, so any value tells who wrote it. */
const TAG = /^(school|hamlet|social) #\d+$/;

let bundle: Bundle;
let data: TempDir;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  [bundle, data] = [await buildBundle("durability"), tempDir("roster-durability-")];
  const store = await openStore(envFor({ DATA_DIR: data.path }));
  await createAccounts(store);
  await store.close();
});

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  data.remove();
});

async function start(): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: data.path, MARK_DEBOUNCE_MS: "50" });
  processes.push(p);
  return p;
}

/** Every note value in an update's inserted content (decoded, not applied). */
function notesIn(update: Uint8Array): string[] {
  const notes: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      for (const value of struct.content.arr) if (typeof value === "string" && TAG.test(value)) notes.push(value);
    }
  }
  return notes;
}

/**
 * Edits as fast as the event loop allows: a new child per tick (its note is never written
 * again), and every third tick a rewrite of one field of a working record, which also
 * sends deletions (the overwritten values).
 */
function editContinuously(client: SyncClient, tag: UserKey, sessionId: string): { stop(): void } {
  const records = client.records();
  const actor = { id: sessionId, name: USERS[tag].displayName };
  const scratch = records.createChild(aChildWithoutPid({ fullName: `Hồ Sơ Nháp ${tag}` }));
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    records.createChild(aChildWithoutPid({ fullName: `Trẻ Thử Nghiệm ${tag} ${n}`, note: `${tag} #${n}` }));
    if (n % 3 === 0) records.setChildField(scratch, "address", `Địa chỉ sửa lần ${n}`, actor);
  }, 3);
  return { stop: () => clearInterval(timer) };
}

describe("durability across SIGKILL", () => {
  it("a restarted server has every update any client received before the kill", { timeout: 30_000 }, async () => {
    const first = await start();
    const sessions = await loginAll(first.url, EDITORS);
    const clients = EDITORS.map((who) => connectClient(first.syncUrl, ROSTER, sessions[who]!.token));
    await Promise.all(clients.map((c) => whenSynced(c)));

    const editing = EDITORS.map((who, i) => editContinuously(clients[i]!, who, sessions[who]!.id));
    // Kill mid-stream: once every client has been relayed a good number of the others' edits.
    await eventually(() => {
      for (const c of clients) expect(c.received.length).toBeGreaterThanOrEqual(40);
    }, 15_000);
    first.child.kill("SIGKILL");
    const end = await first.exited;
    expect(end.signal).toBe("SIGKILL");
    for (const e of editing) e.stop();
    // Whatever was already in flight to the clients counts as received too.
    await eventually(() => {
      for (const c of clients) expect(c.provider.wsconnected).toBe(false);
    });
    const received = clients.map((c) => [...c.received]);
    for (const c of clients) c.destroy();

    const second = await start();
    const reader = connectClient(second.syncUrl, ROSTER, sessions.school!.token); // the secret lives in DATA_DIR
    try {
      await whenSynced(reader);
      const onDisk = Y.snapshot(reader.doc);
      const stored = new Set(reader.records().listChildren().map((c) => c.note));
      for (const [i, updates] of received.entries()) {
        const missing = updates.filter((u) => !Y.snapshotContainsUpdate(onDisk, u));
        expect(missing.length, `${EDITORS[i]}: ${missing.length} of ${updates.length} received updates lost`).toBe(0);
        // The same in words: every note a client was sent is in a record after the restart.
        const notes = updates.flatMap(notesIn);
        expect(notes.length).toBeGreaterThan(0);
        const lost = notes.filter((note) => !stored.has(note));
        expect(lost, `${EDITORS[i]} was sent these and the server lost them`).toEqual([]);
      }
      // Each client was relayed edits of both others (the stream really was mixed).
      for (const [i, updates] of received.entries()) {
        const authors = new Set(updates.flatMap(notesIn).map((note) => note.split(" ")[0]));
        expect([...authors].sort()).toEqual(EDITORS.filter((_, j) => j !== i).sort());
      }
    } finally {
      reader.destroy();
      second.child.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);
    }
  });
});

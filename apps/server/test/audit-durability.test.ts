// DESIGN.md "Persistence": every accepted change is in the audit log. An update and its
// audit entries are committed in one SQLite transaction, so a server killed with SIGKILL
// at any moment never keeps a change without its audit. The server runs as its own
// process; stock clients edit without pause; it is killed at random moments and
// restarted several times; then every field value the stored document holds must be the
// `to` of the last audit entry of that field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { syncDocName } from "../src/sync";
import { aChildWithoutPid } from "./helpers/fixtures";
import { randomSource } from "./helpers/garbage";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { createAccounts, loginAll, ROSTERS, USERS, type UserKey } from "./helpers/world";
import { loadDocUpdates } from "../src/storage/stored-doc";

const EDITORS: UserKey[] = ["school", "hamlet"];
const ROSTER = ROSTERS.a5.id;
const KILLS = 3;

let bundle: Bundle;
let data: TempDir;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  [bundle, data] = [await buildBundle("audit-durability"), tempDir("roster-audit-durability-")];
  const store = await openStore(envFor({ DATA_DIR: data.path }));
  await createAccounts(store);
  await store.close();
});

afterAll(async () => {
  await killAll(processes);
  bundle?.remove();
  data?.remove();
});

async function start(): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: data.path, MARK_DEBOUNCE_MS: "50" });
  processes.push(p);
  return p;
}

/** New children and rewrites of one field of a working record, as fast as the loop allows. */
function editContinuously(client: SyncClient, tag: UserKey, userId: string): { stop(): void } {
  const records = client.records();
  const actor = { id: userId, name: USERS[tag].displayName };
  let scratch: string | undefined;
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    records.createChild(aChildWithoutPid({ fullName: `Trẻ Kiểm Tra ${tag} ${n}`, note: `${tag} #${n}` }));
    scratch ??= records.listChildren().find((c) => c.fullName?.startsWith(`Trẻ Kiểm Tra ${tag}`))?.id;
    if (scratch && n % 2 === 0) records.setChildField(scratch, "address", `Địa chỉ ${tag} lần ${n}`, actor);
  }, 4);
  return { stop: () => clearInterval(timer) };
}

describe("audit durability across SIGKILL", () => {
  it("after kills at random moments, every stored field value has its audit entry", { timeout: 90_000 }, async () => {
    const next = randomSource(20261204);
    let stored = 0;
    for (let round = 0; round <= KILLS; round++) {
      const server = await start();
      const sessions = await loginAll(server.url, EDITORS);
      const clients = EDITORS.map((who) => connectClient(server.syncUrl, ROSTER, sessions[who]!.token));
      await Promise.all(clients.map((c) => whenSynced(c, 15_000)));
      const editing = EDITORS.map((who, i) => editContinuously(clients[i]!, who, sessions[who]!.id));
      // A random moment within the editing, not aligned with anything the server does.
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(next() * 1200)));
      if (round < KILLS) {
        server.child.kill("SIGKILL");
        expect((await server.exited).signal).toBe("SIGKILL");
      }
      for (const e of editing) e.stop();
      if (round === KILLS) {
        // The last round ends cleanly once what the clients sent is stored.
        const last = clients[0]!;
        await eventually(() => expect(last.provider.synced).toBe(true));
        server.child.kill("SIGTERM");
        expect((await server.exited).code).toBe(0);
      }
      for (const c of clients) c.destroy();
    }

    const store = await openStore(envFor({ DATA_DIR: data.path }));
    try {
      const doc = new Y.Doc();
      for (const update of await loadDocUpdates(store, syncDocName("records", ROSTER))) Y.applyUpdate(doc, update);
      const audit = await store.listAudit(ROSTER);
      const last = new Map<string, unknown>();
      for (const entry of audit) last.set(`${entry.childId}\u0000${entry.field}`, entry.to);
      const missing: string[] = [];
      for (const [id, record] of doc.getMap<Y.Map<unknown>>("children").entries()) {
        for (const [field, value] of record.entries()) {
          stored += 1;
          if (last.get(`${id}\u0000${field}`) !== value) missing.push(`${id}.${field} = ${JSON.stringify(value)}`);
        }
      }
      expect(stored, "the clients really edited").toBeGreaterThan(200);
      expect(missing, "stored values without their audit entry").toEqual([]);
    } finally {
      await store.close();
    }
  });
});

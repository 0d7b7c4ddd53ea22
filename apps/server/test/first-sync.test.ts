// A large roster opens at once (issue: first sync from stored bytes). A 5,000-child roster
// stored by the CLI's seed; a fresh server process answers a new client without building the
// document, a returning client gets only what it lacks, and clients that join while others
// edit end up exactly where those who were there all along are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { buildBundle, killAll, runCli, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { COMMUNE_A, createAccounts, loginAll, type Sessions } from "./helpers/world";

const CHILDREN = 5000;

let bundle: Bundle;
let data: TempDir;
let rosterId: string;
/** Children the seed stored (it adds a few outside the campaign's ages). */
let stored: number;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  bundle = await buildBundle("first-sync");
  data = tempDir("roster-first-sync-");
  const store = await openStore(envFor({ DATA_DIR: data.path }));
  await createAccounts(store);
  await store.close();
  const seeded = await runCli(bundle.cli, data.path, ["seed", "--commune", COMMUNE_A.code, "--villages", "1", "--children", String(CHILDREN), "--seed", "15"]);
  expect(seeded.code, seeded.stderr).toBe(0);
  const [id, count] = seeded.stdout.trim().split("\t");
  rosterId = id as string;
  stored = Number(count);
  expect(stored).toBeGreaterThanOrEqual(CHILDREN);
}, 120_000);

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  data.remove();
});

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: data.path, MARK_DEBOUNCE_MS: "50", ...env });
  processes.push(p);
  return p;
}

async function stop(p: ServerProcess): Promise<void> {
  p.child.kill("SIGTERM");
  expect((await p.exited).code).toBe(0);
}

/** One counter of `/metrics` (summed over its labels). */
async function metric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

function note(client: SyncClient, childIndex: number, text: string): void {
  const child = client.records().listChildren()[childIndex];
  if (!child) throw new Error(`no child ${childIndex}`);
  client.records().updateChild(child.id, { note: text }, { id: "test", name: "test" });
}

describe("first sync of a 5,000-child roster", () => {
  it("a fresh server answers a new client from the stored bytes, before it has built the document", { timeout: 120_000 }, async () => {
    // The build waits 20 s unless a client writes: this client only reads.
    const server = await start({ DOC_BUILD_DELAY_MS: "20000" });
    const { viewer } = (await loginAll(server.url, ["viewer"])) as Sessions;
    const reader = connectClient(server.syncUrl, rosterId, viewer.token);
    try {
      await whenSynced(reader, 60_000);
      expect(reader.records().listChildren()).toHaveLength(stored);
      expect(await metric(server, "roster_docs_built_total")).toBe(0);
      expect(await metric(server, "roster_sync_answers_before_build_total")).toBeGreaterThanOrEqual(1);
      expect(await metric(server, "roster_sync_answers_total")).toBeGreaterThanOrEqual(1);
    } finally {
      reader.destroy();
      await stop(server);
    }
  });

  it("a returning client that lacks one edit gets that edit and little else", { timeout: 120_000 }, async () => {
    const server = await start();
    const { police, school } = (await loginAll(server.url, ["police", "school"])) as Sessions;
    const away = connectClient(server.syncUrl, rosterId, school.token);
    const writer = connectClient(server.syncUrl, rosterId, police.token);
    try {
      await Promise.all([whenSynced(away, 60_000), whenSynced(writer, 60_000)]);
      note(writer, 0, "trước khi đi");
      await eventually(() => expect(away.records().listChildren()[0]?.note).toBe("trước khi đi"), 15_000);
      away.provider.disconnect();
      note(writer, 1, "khi vắng mặt");
      // Stored (and seen by the writer's own echo-free relay path) before the return.
      await eventually(async () => expect(await metric(server, "roster_updates_persisted_total")).toBeGreaterThanOrEqual(2), 15_000);
      const bytesBefore = await metric(server, "roster_sync_answer_bytes_total");
      away.provider.connect();
      await eventually(() => expect(away.records().listChildren()[1]?.note).toBe("khi vắng mặt"), 15_000);
      await whenSynced(away, 15_000);
      const sent = (await metric(server, "roster_sync_answer_bytes_total")) - bytesBefore;
      expect(sent).toBeGreaterThan(0);
      expect(sent).toBeLessThan(2_000);
      expect(Y.encodeStateVector(away.doc)).toEqual(Y.encodeStateVector(writer.doc));
    } finally {
      away.destroy();
      writer.destroy();
      await stop(server);
    }
  });

  it("clients joining while others edit end with exactly what those there all along have", { timeout: 180_000 }, async () => {
    const server = await start();
    const sessions = (await loginAll(server.url, ["police", "school", "social", "viewer"])) as Sessions;
    const writers = [connectClient(server.syncUrl, rosterId, sessions.police.token), connectClient(server.syncUrl, rosterId, sessions.school.token)];
    const joiners: SyncClient[] = [];
    try {
      await Promise.all(writers.map((w) => whenSynced(w, 60_000)));
      let edits = 0;
      const editing = setInterval(() => {
        for (const [i, w] of writers.entries()) note(w, (edits * 7 + i) % CHILDREN, `sửa ${edits}-${i}`);
        edits += 1;
      }, 20);
      try {
        for (let i = 0; i < 4; i += 1) {
          const joiner = connectClient(server.syncUrl, rosterId, (i % 2 === 0 ? sessions.social : sessions.viewer).token);
          joiners.push(joiner);
          await whenSynced(joiner, 60_000);
        }
      } finally {
        clearInterval(editing);
      }
      expect(edits).toBeGreaterThan(10);
      const everyone = [...writers, ...joiners];
      const view = (c: SyncClient) => JSON.stringify(c.doc.getMap("children").toJSON());
      await eventually(() => {
        const expected = view(writers[0] as SyncClient);
        for (const c of everyone) expect(view(c)).toBe(expected);
      }, 30_000);
      const late = connectClient(server.syncUrl, rosterId, sessions.viewer.token);
      joiners.push(late);
      await whenSynced(late, 60_000);
      expect(view(late)).toBe(view(writers[0] as SyncClient));
      expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(writers[0]?.doc as Y.Doc));
    } finally {
      for (const c of [...writers, ...joiners]) c.destroy();
      await stop(server);
    }
  });
});

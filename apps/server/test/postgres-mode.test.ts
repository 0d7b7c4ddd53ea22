// The server in scaled mode's storage: with DATABASE_URL every document, account and
// audit entry lives in PostgreSQL. The real bundle, real clients, SIGKILL between rounds:
// every update a client had seen is still served by the next start.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { type TestDatabase, createTestDatabase, queryTestDatabase } from "../src/storage/postgres-test-database";
import { aChildWithoutPid } from "./helpers/fixtures";
import { buildBundle, killAll, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { createAccounts, loginAll, ROSTERS, type Sessions } from "./helpers/world";

const ROSTER = ROSTERS.a5.id;

let bundle: Bundle;
let database: TestDatabase;
let data: TempDir;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  bundle = await buildBundle("postgres-mode");
  database = await createTestDatabase();
  data = tempDir("roster-postgres-mode-");
});

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  data.remove();
  await database.drop();
});

async function start(): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: data.path, DATABASE_URL: database.url, MARK_DEBOUNCE_MS: "50", COMPACT_EVERY: "10" });
  processes.push(p);
  return p;
}

/** The notes of every child a fresh client of `server` sees. */
async function notesOn(server: ServerProcess, token: string): Promise<Set<string>> {
  const reader = connectClient(server.syncUrl, ROSTER, token);
  try {
    await whenSynced(reader, 15_000);
    return new Set(reader.records().listChildren().map((c) => c.note ?? ""));
  } finally {
    reader.destroy();
  }
}

describe("scaled-mode storage (DATABASE_URL)", () => {
  it("stores in PostgreSQL and, killed with SIGKILL, serves every update a client had seen", { timeout: 180_000 }, async () => {
    const store = await openStore(envFor({ DATA_DIR: data.path, DATABASE_URL: database.url }));
    await createAccounts(store);
    await store.close();

    let server = await start();
    const sessions = (await loginAll(server.url, ["school", "hamlet"])) as Sessions;
    const seen: string[] = [];
    for (let round = 1; round <= 5; round += 1) {
      const writer = connectClient(server.syncUrl, ROSTER, sessions.school.token);
      const witness = connectClient(server.syncUrl, ROSTER, sessions.hamlet.token);
      await Promise.all([whenSynced(writer, 15_000), whenSynced(witness, 15_000)]);
      // Enough edits per round to pass COMPACT_EVERY: compaction runs against PostgreSQL too.
      const notes = Array.from({ length: 8 }, (_, i) => `vòng ${round} #${i}`);
      for (const note of notes) writer.records().createChild(aChildWithoutPid({ fullName: `Trẻ Cơ Sở Dữ Liệu ${note}`, note }));
      // Seen by another client = relayed = committed in PostgreSQL.
      await eventually(() => {
        const there = new Set(witness.records().listChildren().map((c) => c.note));
        for (const note of notes) expect(there.has(note)).toBe(true);
      }, 15_000);
      seen.push(...notes);
      server.child.kill("SIGKILL");
      expect((await server.exited).signal).toBe("SIGKILL");
      writer.destroy();
      witness.destroy();
      server = await start();
      const stored = await notesOn(server, sessions.school.token);
      expect(seen.filter((note) => !stored.has(note)), `round ${round}`).toEqual([]);
    }
    // The running server compacts the long log (in its worker thread) into PostgreSQL; a
    // shutdown leaves compaction to the next load, so this waits for it while running.
    await eventually(async () => expect(await queryTestDatabase(database.url, "SELECT 1 FROM doc_snapshots LIMIT 1")).toHaveLength(1), 30_000);
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);

    // The documents are in PostgreSQL, and nothing of them in DATA_DIR.
    const docs = await queryTestDatabase<{ name: string }>(database.url, "SELECT name FROM docs ORDER BY name");
    expect(docs.map((d) => d.name)).toContain(`records:${ROSTER}`);
    expect(existsSync(join(data.path, "roster.db"))).toBe(false);
  });
});

// A crashed or rebooted server comes back at once, by itself (as a supervisor restarts it):
// SIGKILL then an immediate start serves every update a client had seen; a SIGTERM stores
// every pending change, tells clients 1012 and they come back on their own. The DATA_DIR
// lock is the kernel's, so stale files and recycled pids never keep a server down.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { aChildWithoutPid } from "./helpers/fixtures";
import { buildBundle, killAll, runCli, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { createAccounts, loginAll, ROSTERS, type Sessions } from "./helpers/world";

const ROSTER = ROSTERS.a5.id;

let bundle: Bundle;
const dirs: TempDir[] = [];
const processes: ServerProcess[] = [];

beforeAll(async () => {
  bundle = await buildBundle("restart");
});

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  for (const dir of dirs) dir.remove();
});

/** A DATA_DIR with the test communes and accounts. */
async function dataDir(): Promise<string> {
  const data = tempDir("roster-restart-");
  dirs.push(data);
  const store = await openStore(envFor({ DATA_DIR: data.path }));
  await createAccounts(store);
  await store.close();
  return data.path;
}

async function start(dir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: dir, MARK_DEBOUNCE_MS: "50", ...env });
  processes.push(p);
  return p;
}

async function kill(p: ServerProcess): Promise<void> {
  p.child.kill("SIGKILL");
  expect((await p.exited).signal).toBe("SIGKILL");
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

function noteOf(client: SyncClient, note: string): void {
  client.records().createChild(aChildWithoutPid({ fullName: `Trẻ Khởi Động Lại ${note}`, note }));
}

describe("restart after a crash", () => {
  it("SIGKILL then an immediate start, 20 times: every start succeeds and serves every update a client had seen", { timeout: 240_000 }, async () => {
    const dir = await dataDir();
    let server = await start(dir);
    const sessions = (await loginAll(server.url, ["school", "hamlet"])) as Sessions;
    const seen: string[] = [];
    for (let round = 1; round <= 20; round += 1) {
      const writer = connectClient(server.syncUrl, ROSTER, sessions.school.token);
      const witness = connectClient(server.syncUrl, ROSTER, sessions.hamlet.token);
      await Promise.all([whenSynced(writer, 15_000), whenSynced(witness, 15_000)]);
      const notes = [`vòng ${round} a`, `vòng ${round} b`];
      for (const note of notes) noteOf(writer, note);
      // Seen by another client = relayed = stored: what the restarted server must still have.
      await eventually(() => {
        const there = new Set(witness.records().listChildren().map((c) => c.note));
        for (const note of notes) expect(there.has(note)).toBe(true);
      }, 15_000);
      seen.push(...notes);
      await kill(server);
      writer.destroy();
      witness.destroy();
      // No sleep: a supervisor restarts at once, and the lock must already be free.
      server = await start(dir);
      const stored = await notesOn(server, sessions.school.token);
      expect(seen.filter((note) => !stored.has(note)), `round ${round}`).toEqual([]);
    }
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
  });

  it("starts over stale files naming a live unrelated process", { timeout: 60_000 }, async () => {
    const dir = await dataDir();
    const unrelated = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      // The bare pid a server of an earlier version wrote, now a live unrelated process.
      writeFileSync(join(dir, "server.pid"), `${unrelated.pid}\n`);
      writeFileSync(join(dir, "server.lock"), "");
      const server = await start(dir);
      const sessions = (await loginAll(server.url, ["school"])) as Sessions;
      expect(await notesOn(server, sessions.school.token)).toEqual(new Set());
      server.child.kill("SIGTERM");
      expect((await server.exited).code).toBe(0);
    } finally {
      unrelated.kill("SIGKILL");
    }
  });

  it("a second server on the same DATA_DIR refuses with a message; the CLI refuses to write until the server died", { timeout: 120_000 }, async () => {
    const dir = await dataDir();
    const server = await start(dir);
    const pid = server.child.pid;
    const second = await start(dir).then(
      () => "started",
      (error: Error) => error.message,
    );
    expect(second).toMatch(/exited \(1\) before listening/);
    expect(second).toMatch(new RegExp(`đang dùng \\(pid ${pid}\\) / is in use by another server \\(pid ${pid}\\)`));

    const seed = ["seed", "--commune", "00097", "--villages", "1", "--children", "3", "--seed", "7"];
    const refused = await runCli(bundle.cli, dir, seed);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`Máy chủ đang chạy trên DATA_DIR này \\(pid ${pid}\\).*\\n.*server is running`));

    await kill(server);
    const seeded = await runCli(bundle.cli, dir, seed);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^[a-z0-9-]+\t3\t/);
    // The CLI let go of the lock when it finished: a server starts right after.
    const after = await start(dir);
    after.child.kill("SIGTERM");
    expect((await after.exited).code).toBe(0);
  });
});

describe("restart by SIGTERM", () => {
  it("stores every pending edit, closes with 1012, and the stock clients come back on their own", { timeout: 120_000 }, async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const port = String(first.port);
    const sessions = (await loginAll(first.url, ["school", "hamlet", "social"])) as Sessions;
    const editors = (["school", "hamlet", "social"] as const).map((who) => ({
      who,
      client: connectClient(first.syncUrl, ROSTER, sessions[who].token),
      written: [] as string[],
      closeCodes: [] as number[],
    }));
    for (const e of editors) {
      e.client.provider.on("connection-close", (event: { code: number } | null) => {
        if (event) e.closeCodes.push(event.code);
      });
    }
    await Promise.all(editors.map((e) => whenSynced(e.client, 15_000)));

    // Every editor writes without pause, before, during and after the shutdown.
    let n = 0;
    const timer = setInterval(() => {
      n += 1;
      for (const e of editors) {
        const note = `${e.who} #${n}`;
        noteOf(e.client, note);
        e.written.push(note);
      }
    }, 15);
    await eventually(() => expect(n).toBeGreaterThanOrEqual(20), 15_000);
    const stopping = performance.now();
    first.child.kill("SIGTERM");
    const end = await first.exited;
    const stopMs = performance.now() - stopping;
    expect(end.code).toBe(0);
    expect(stopMs).toBeLessThan(10_000); // SHUTDOWN_TIMEOUT_MS, the bound a supervisor relies on
    for (const e of editors) expect(e.closeCodes, e.who).toContain(1012);
    await eventually(() => expect(n).toBeGreaterThanOrEqual(30)); // some edits made while it was down
    clearInterval(timer);

    // The restarted server on the same address: the clients reconnect by themselves.
    const second = await start(dir, { PORT: port });
    await eventually(() => {
      for (const e of editors) expect(e.client.provider.synced, e.who).toBe(true);
    }, 30_000);
    const fresh = connectClient(second.syncUrl, ROSTER, sessions.school.token);
    try {
      await whenSynced(fresh, 15_000);
      await eventually(() => {
        const stored = new Set(fresh.records().listChildren().map((c) => c.note));
        for (const e of editors) expect(e.written.filter((note) => !stored.has(note)), e.who).toEqual([]);
      }, 15_000);
    } finally {
      fresh.destroy();
      for (const e of editors) e.client.destroy();
      second.child.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);
    }
  });
});

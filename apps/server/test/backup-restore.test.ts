// DESIGN.md "Operator CLI": `backup --out FILE` takes a consistent copy of the embedded store
// while the server runs and clients edit; `restore FILE` puts it back into a DATA_DIR. The
// server and the CLI run as their own processes, the clients are stock y-websocket
// providers, and every comparison is made on real files.
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { RosterRecords } from "@roster/doc";
import { AuditEntrySchema, type AuditEntry } from "@roster/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { z } from "zod";
import { envFor } from "../src/env";
import { openStore } from "../src/storage/open-store";
import { SQLITE_FILE_NAME } from "../src/storage/sqlite-store";
import type { Store } from "../src/storage/store";
import { loadDocUpdates } from "../src/storage/stored-doc";
import { syncDocName } from "../src/sync";
import { aChildWithoutPid } from "./helpers/fixtures";
import { api } from "./helpers/http";
import { buildBundle, killAll, runCli, spawnServer, type Bundle, type ServerProcess } from "./helpers/server-process";
import { connectClient, whenSynced, type SyncClient } from "./helpers/sync-clients";
import { tempDir, type TempDir } from "./helpers/temp-dir";
import { eventually } from "./helpers/wait";
import { createAccounts, loginAll, ROSTERS, USERS, type Sessions, type UserKey } from "./helpers/world";

let bundle: Bundle;
const dirs: TempDir[] = [];
const processes: ServerProcess[] = [];

beforeAll(async () => {
  bundle = await buildBundle("backup-restore");
});

afterAll(async () => {
  await killAll(processes);
  bundle.remove();
  for (const dir of dirs) dir.remove();
});

function dir(prefix: string): string {
  const made = tempDir(prefix);
  dirs.push(made);
  return made.path;
}

/** A DATA_DIR with the test communes, rosters and accounts. */
async function dataDir(): Promise<string> {
  const path = dir("roster-backup-data-");
  const store = await openStore(envFor({ DATA_DIR: path }));
  await createAccounts(store);
  await store.close();
  return path;
}

async function start(dataDirPath: string): Promise<ServerProcess> {
  const p = await spawnServer(bundle.main, { DATA_DIR: dataDirPath, MARK_DEBOUNCE_MS: "50" });
  processes.push(p);
  return p;
}

async function stop(p: ServerProcess): Promise<void> {
  p.child.kill("SIGTERM");
  expect((await p.exited).code).toBe(0);
}

const cli = (dataDirPath: string, ...args: string[]) => runCli(bundle.cli, dataDirPath, args);

/**
 * A new child per tick, and every third tick a rewrite of one field of a working record
 * (an audit entry each time, and deletions in the update).
 */
function editContinuously(client: SyncClient, who: UserKey, sessionId: string): { stop(): void } {
  const records = client.records();
  const actor = { id: sessionId, name: USERS[who].displayName };
  const scratch = records.createChild(aChildWithoutPid({ fullName: `Hồ Sơ Nháp ${who}` }));
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    records.createChild(aChildWithoutPid({ fullName: `Trẻ Sao Lưu ${who} ${n}`, note: `${who} #${n}` }));
    if (n % 3 === 0) records.setChildField(scratch, "address", `Địa chỉ sửa lần ${n} của ${who}`, actor);
  }, 5);
  return { stop: () => clearInterval(timer) };
}

/** Which account reads every document of a roster. */
const READER: Record<keyof typeof ROSTERS, UserKey> = { a5: "police", a7: "police", b2: "bPolice" };
const ROOMS = (id: string) => [
  { room: id, doc: syncDocName("records", id) },
  { room: `${id}/review`, doc: syncDocName("review", id) },
];

/** The document as a fresh stock client of `server` receives it. */
async function served(server: ServerProcess, room: string, token: string): Promise<Y.Doc> {
  const reader = connectClient(server.syncUrl, room, token);
  try {
    await whenSynced(reader, 15_000);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
    return doc;
  } finally {
    reader.destroy();
  }
}

async function auditOf(server: ServerProcess, rosterId: string, token: string): Promise<AuditEntry[]> {
  const answer = await api(server.url, `/api/rosters/${rosterId}/audit`, { token });
  expect(answer.status).toBe(200);
  return z.array(AuditEntrySchema).parse(answer.body);
}

/** The backup file read by the store's own code (a copy in a folder of its own). */
async function openCopy(file: string): Promise<Store> {
  const path = dir("roster-backup-read-");
  copyFileSync(file, join(path, SQLITE_FILE_NAME));
  return openStore(envFor({ DATA_DIR: path }));
}

async function storedDoc(store: Store, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await loadDocUpdates(store, name)) Y.applyUpdate(doc, update);
  return doc;
}

/** Every note value in an update's inserted content (decoded, not applied). */
function notesIn(update: Uint8Array): string[] {
  const notes: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      for (const value of struct.content.arr) if (typeof value === "string" && /^(school|hamlet|social) #\d+$/.test(value)) notes.push(value);
    }
  }
  return notes;
}

const sameState = (a: Y.Doc, b: Y.Doc) => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));

describe("backup while the server runs and clients edit, restore into a fresh DATA_DIR", () => {
  it("the restored server has every account, document and audit row of the backup, and everything clients had received before it", { timeout: 240_000 }, async () => {
    const source = await dataDir();
    const live = await start(source);
    const sessions = (await loginAll(live.url)) as Sessions;
    const editors: { who: UserKey; roster: keyof typeof ROSTERS }[] = [
      { who: "school", roster: "a5" },
      { who: "hamlet", roster: "a5" },
      { who: "social", roster: "a5" },
      { who: "bSchool", roster: "b2" },
    ];
    const clients = editors.map((e) => connectClient(live.syncUrl, ROSTERS[e.roster].id, sessions[e.who].token));
    // Watchers of the review documents, which the server writes (marks) as records change.
    const watchers = (["a5", "b2"] as const).map((r) => connectClient(live.syncUrl, `${ROSTERS[r].id}/review`, sessions[READER[r]].token));
    const everyone = [...clients, ...watchers];
    // Clients that are relayed others' edits without pause (b2 has one editor, and marks are debounced).
    const relayed = clients.slice(0, 3);
    // a7 is only opened, so that the server creates its documents (with their meta) before the backup.
    const idle = ROOMS(ROSTERS.a7.id).map(({ room }) => connectClient(live.syncUrl, room, sessions.police.token));
    await Promise.all([...everyone, ...idle].map((c) => whenSynced(c, 15_000)));
    const editing = editors.map((e, i) => editContinuously(clients[i]!, e.who, sessions[e.who].id));

    let backup: Awaited<ReturnType<typeof cli>>;
    let receivedBefore: Uint8Array[][];
    let auditBefore: Record<string, AuditEntry[]>;
    const out = join(dir("roster-backup-out-"), "roster-backup.db");
    try {
      await eventually(() => {
        for (const c of relayed) expect(c.received.length).toBeGreaterThanOrEqual(30);
        for (const c of watchers) expect(c.received.length).toBeGreaterThanOrEqual(5);
      }, 30_000);
      // What the server had committed and shown before the backup began: it must all be in it.
      auditBefore = {};
      for (const key of Object.keys(ROSTERS) as (keyof typeof ROSTERS)[]) {
        auditBefore[key] = await auditOf(live, ROSTERS[key].id, sessions[READER[key]].token);
      }
      receivedBefore = everyone.map((c) => [...c.received]);
      backup = await cli(source, "backup", "--out", out);
      // The clients went on being relayed edits while the copy was taken.
      const receivedDuring = relayed.map((c) => c.received.length - receivedBefore[everyone.indexOf(c)]!.length);
      expect(receivedDuring.every((n) => n > 0), `relayed during the backup: ${receivedDuring.join(", ")}`).toBe(true);
    } finally {
      for (const e of editing) e.stop();
    }
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Đã sao lưu \/ Backed up → .*roster-backup\.db \([\d,]+ ms\)\n {2}\d+ tài liệu \/ documents, 8 tài khoản \/ users, [\d,]+ dòng nhật ký \/ audit rows, [\d,]+ byte \/ bytes\n/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(Number(/([\d,]+) byte/.exec(backup.stdout)![1]!.replace(/,/g, ""))).toBe(statSync(out).size);

    // The live server's final state, once the last edits settled.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const liveDocs = new Map<string, Y.Doc>();
    const liveAudit = new Map<string, AuditEntry[]>();
    for (const key of Object.keys(ROSTERS) as (keyof typeof ROSTERS)[]) {
      const id = ROSTERS[key].id;
      for (const { room, doc } of ROOMS(id)) liveDocs.set(doc, await served(live, room, sessions[READER[key]].token));
      liveAudit.set(id, await auditOf(live, id, sessions[READER[key]].token));
    }
    for (const c of [...everyone, ...idle]) c.destroy();
    await stop(live);

    const restoredDir = dir("roster-restored-");
    const restored = await cli(restoredDir, "restore", out);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Đã khôi phục \/ Restored .*\n.*8 tài khoản \/ users.*\n.*DATA_DIR had no database before/);
    expect(statSync(join(restoredDir, SQLITE_FILE_NAME)).mode & 0o777).toBe(0o600);

    const copy = await openCopy(out);
    const server = await start(restoredDir);
    try {
      // Every account logs in with its password.
      const again = (await loginAll(server.url)) as Sessions;
      expect(Object.keys(again).sort()).toEqual(Object.keys(USERS).sort());

      for (const key of Object.keys(ROSTERS) as (keyof typeof ROSTERS)[]) {
        const id = ROSTERS[key].id;
        const token = again[READER[key]].token;
        for (const { room, doc } of ROOMS(id)) {
          const inBackup = await storedDoc(copy, doc);
          const onServer = await served(server, room, token);
          // The restored server serves exactly the backed-up document …
          expect(sameState(onServer, inBackup), `${doc}: restored = backup`).toBe(true);
          // … which is a state the live server really went through: nothing in it is
          // missing from where the live server went on to.
          expect(Y.snapshotContainsUpdate(Y.snapshot(liveDocs.get(doc)!), Y.encodeStateAsUpdate(inBackup)), `${doc}: backup ⊆ live`).toBe(true);
        }
        const auditInBackup = await copy.listAudit(id);
        expect(await auditOf(server, id, token)).toEqual(auditInBackup);
        // Every audit row committed before the backup began is in it; it ends where the live log went on.
        expect(auditInBackup.slice(0, auditBefore[key]!.length)).toEqual(auditBefore[key]);
        expect(liveAudit.get(id)!.slice(0, auditInBackup.length)).toEqual(auditInBackup);
        if (key !== "a7") expect(auditInBackup.length, id).toBeGreaterThan(0);
      }

      // Every update any client had received before the backup began is on the restored server.
      const targets = [...editors.map((e) => ({ room: ROSTERS[e.roster].id, reader: READER[e.roster] })), ...(["a5", "b2"] as const).map((r) => ({ room: `${ROSTERS[r].id}/review`, reader: READER[r] }))];
      for (const [i, target] of targets.entries()) {
        const onServer = Y.snapshot(await served(server, target.room, again[target.reader].token));
        const missing = receivedBefore[i]!.filter((u) => !Y.snapshotContainsUpdate(onServer, u));
        expect(missing.length, `${target.room}: ${missing.length} of ${receivedBefore[i]!.length} received updates missing`).toBe(0);
      }
      // The same in words: every note a client of a5 was sent before the backup is a record there.
      const records = new RosterRecords(await served(server, ROSTERS.a5.id, again.police.token));
      const stored = new Set(records.listChildren().map((c) => c.note));
      records.destroy();
      const sent = receivedBefore.slice(0, 3).flatMap((updates) => updates.flatMap(notesIn));
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((note) => !stored.has(note))).toEqual([]);
    } finally {
      await copy.close();
      await stop(server);
    }
  });
});

/** Every file of a folder and its bytes, to show a refused command changed nothing. */
function snapshotDir(path: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(path).sort()) {
    // The lock's own file is rewritten by whoever takes the lock; it holds no data.
    if (name.startsWith("server.")) continue;
    files.set(name, createHash("sha256").update(readFileSync(join(path, name))).digest("hex"));
  }
  return files;
}

/** The notes of the children of a5 a fresh client of `server` sees. */
async function notesOn(server: ServerProcess, token: string): Promise<Set<string>> {
  const records = new RosterRecords(await served(server, ROSTERS.a5.id, token));
  try {
    return new Set(records.listChildren().map((c) => c.note ?? ""));
  } finally {
    records.destroy();
  }
}

/** Adds a child with `note` to a5 through a stock client and waits until the server relayed it. */
async function addNote(server: ServerProcess, sessions: Sessions, note: string): Promise<void> {
  const writer = connectClient(server.syncUrl, ROSTERS.a5.id, sessions.school.token);
  const witness = connectClient(server.syncUrl, ROSTERS.a5.id, sessions.hamlet.token);
  try {
    await Promise.all([whenSynced(writer, 15_000), whenSynced(witness, 15_000)]);
    writer.records().createChild(aChildWithoutPid({ fullName: `Trẻ ${note}`, note }));
    await eventually(() => expect(witness.records().listChildren().map((c) => c.note)).toContain(note), 15_000);
  } finally {
    writer.destroy();
    witness.destroy();
  }
}

describe("restore refusals", () => {
  it("refuses while a server holds DATA_DIR and changes nothing; once it stopped, restores and keeps the replaced database", { timeout: 120_000 }, async () => {
    const data = await dataDir();
    const server = await start(data);
    const sessions = (await loginAll(server.url, ["school", "hamlet"])) as Sessions;
    await addNote(server, sessions, "trước sao lưu");
    const out = join(dir("roster-backup-out-"), "ban-sao.db");
    const backup = await cli(data, "backup", "--out", out);
    expect(backup.code, backup.stderr).toBe(0);
    await addNote(server, sessions, "sau sao lưu");

    const refused = await cli(data, "restore", out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^Máy chủ đang chạy trên DATA_DIR này \\(pid ${server.child.pid}\\): hãy dừng máy chủ trước khi khôi phục.*\\nThe server is running on this DATA_DIR \\(pid ${server.child.pid}\\): stop the server before restoring`));
    expect(await notesOn(server, sessions.school.token)).toEqual(new Set(["trước sao lưu", "sau sao lưu"]));
    // Refused before anything was copied: no temporary file, nothing set aside.
    expect(readdirSync(data).filter((name) => /before-restore|\.tmp$/.test(name))).toEqual([]);
    await stop(server);

    const restored = await cli(data, "restore", out);
    expect(restored.code, restored.stderr).toBe(0);
    const kept = /kept as (.+roster\.db\.before-restore-\d{8}T\d{6}Z)$/m.exec(restored.stdout)?.[1];
    expect(kept, restored.stdout).toBeDefined();
    expect(statSync(kept!).mode & 0o777).toBe(0o600);
    // No log of the old database is left beside the new one (SQLite would replay it into it).
    expect(readdirSync(data).filter((name) => /-wal$|-shm$|\.tmp$/.test(name))).toEqual([]);

    const after = await start(data);
    try {
      const again = (await loginAll(after.url, ["school"])) as Sessions;
      expect(await notesOn(after, again.school.token)).toEqual(new Set(["trước sao lưu"]));
    } finally {
      await stop(after);
    }
    // The kept database is the whole replaced one: restoring it undoes the restore.
    const undo = await cli(data, "restore", kept!);
    expect(undo.code, undo.stderr).toBe(0);
    const undone = await start(data);
    try {
      const again = (await loginAll(undone.url, ["school"])) as Sessions;
      expect(await notesOn(undone, again.school.token)).toEqual(new Set(["trước sao lưu", "sau sao lưu"]));
    } finally {
      await stop(undone);
    }
  });

  it("refuses a garbage file, a truncated or damaged backup, another SQLite file and a newer schema, changing nothing", { timeout: 120_000 }, async () => {
    const data = await dataDir();
    const files = dir("roster-backup-files-");
    const good = join(files, "good.db");
    const backup = await cli(data, "backup", "--out", good);
    expect(backup.code, backup.stderr).toBe(0);
    // The legitimate case first: the backup restores.
    const restored = await cli(data, "restore", good);
    expect(restored.code, restored.stderr).toBe(0);

    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    const bad: [string, Buffer, RegExp][] = [
      ["garbage.db", Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 251)), /không phải tệp cơ sở dữ liệu SQLite.*\n.*not an SQLite database file/],
      ["empty.db", Buffer.alloc(0), /not an SQLite database file/],
      ["half.db", bytes.subarray(0, Math.floor(bytes.length / 2) + 123), /tệp bị cắt cụt.*\n.*the file is truncated/],
      ["pages-cut.db", bytes.subarray(0, bytes.length - 2 * pageSize), /the file is truncated/],
      ["damaged.db", damage(bytes, pageSize), /tệp bị hỏng.*\n.*the file is damaged/],
      ["other.db", otherSqlite(files), /not a backup of the roster server/],
      ["newer.db", newerSchema(good, files), /written by a newer version of the server \(.*schema version 99 > \d+\)/],
    ];
    const before = snapshotDir(data);
    for (const [name, content, message] of bad) {
      const path = join(files, name);
      writeFileSync(path, content);
      const refused = await cli(data, "restore", path);
      expect(refused.code, name).toBe(1);
      expect(refused.stderr, name).toMatch(message);
      expect(refused.stderr, name).toMatch(/Không có gì bị thay đổi\.\n.*Nothing was changed\./);
      expect(refused.stderr, name).not.toMatch(UNREADABLE);
      expect(snapshotDir(data), name).toEqual(before);
    }
    const missing = await cli(data, "restore", join(files, "khong-co.db"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the file: .*khong-co\.db/);
    expect(snapshotDir(data)).toEqual(before);
  });
});

describe("backup refusals", () => {
  it("refuses --out onto an existing file unless --force, and never onto the database itself", { timeout: 60_000 }, async () => {
    const data = await dataDir();
    const out = join(dir("roster-backup-out-"), "ban-sao.db");
    const first = await cli(data, "backup", "--out", out);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(out, "bản cũ của người vận hành");
    const refused = await cli(data, "backup", "--out", out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Tệp đã tồn tại: .*ban-sao\.db \(thêm --force để ghi đè\)\nThe file already exists: .*ban-sao\.db \(add --force to overwrite it\)/);
    expect(readFileSync(out, "utf8")).toBe("bản cũ của người vận hành");
    expect(readdirSync(dirname(out))).toEqual(["ban-sao.db"]); // no temporary file left

    const forced = await cli(data, "backup", "--out", out, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 15).toString()).toBe("SQLite format 3");
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const store = join(data, SQLITE_FILE_NAME);
    const ontoStore = await cli(data, "backup", "--out", store, "--force");
    expect(ontoStore.code).toBe(1);
    expect(ontoStore.stderr).toMatch(/A backup cannot be written over the database itself/);
  });
});

/** What an operator must never see: a stack trace or an internal error name. */
const UNREADABLE = /\n\s+at |SqliteError|TypeError|ZodError|undefined/;

/** The backup with a page in its middle overwritten (a bad disk sector, a bad transfer). */
function damage(bytes: Buffer, pageSize: number): Buffer {
  const copy = Buffer.from(bytes);
  const page = Math.floor(copy.length / pageSize / 2);
  copy.fill(0x5a, page * pageSize, page * pageSize + pageSize);
  return copy;
}

/** A healthy SQLite file of some other program. */
function otherSqlite(folder: string): Buffer {
  const path = join(folder, "other-source.db");
  const db = new Database(path);
  db.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Lan', '0912345678')");
  db.close();
  return readFileSync(path);
}

/** The backup as a newer server (schema version 99) would have written it. */
function newerSchema(good: string, folder: string): Buffer {
  const path = join(folder, "newer-source.db");
  copyFileSync(good, path);
  const db = new Database(path);
  db.exec("INSERT INTO schema_version (version) VALUES (99)");
  db.close();
  return readFileSync(path);
}

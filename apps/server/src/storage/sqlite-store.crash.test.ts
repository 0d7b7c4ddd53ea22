import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SqliteStore } from "./sqlite-store";
import { loadDocUpdates } from "./stored-doc";

const require = createRequire(import.meta.url);
// tsx as a loader of this very node process, not the `tsx` command: that one runs the
// script in a grandchild which SIGKILL would not reach (it would keep writing).
const TSX_LOADER_URL = pathToFileURL(require.resolve("tsx")).href;
const STORE_URL = new URL("./sqlite-store.ts", import.meta.url).href;
const YJS_URL = pathToFileURL(require.resolve("yjs")).href;
const DOC = "records:thon-dong";

/**
 * The child: 8 writers, each its own Yjs peer, append to one document as fast as the
 * store allows and print "writer index seq" only once `appendUpdate` has resolved, i.e.
 * once the sync layer would relay the update to other clients.
 */
const WRITER_SCRIPT = `
import * as Y from ${JSON.stringify(YJS_URL)};
import { SqliteStore } from ${JSON.stringify(STORE_URL)};

const store = SqliteStore.open(process.argv[2]);
async function writer(w) {
  const doc = new Y.Doc();
  const children = doc.getMap("children");
  for (let i = 0; ; i += 1) {
    let update;
    doc.once("update", (u) => { update = u; });
    children.set("w" + w + "-" + i, i);
    const seq = await store.appendUpdate(${JSON.stringify(DOC)}, update);
    process.stdout.write(w + " " + i + " " + seq + "\\n");
  }
}
for (let w = 0; w < 8; w += 1) void writer(w);
// A safety net should the test fail to kill the child.
setTimeout(() => process.exit(3), 60_000).unref();
`;

interface Acknowledged {
  writer: number;
  index: number;
  seq: number;
}

/** Runs the writer until it has acknowledged `atLeast` updates, then SIGKILLs it. */
function runAndKill(script: string, dataDir: string, atLeast: number): Promise<{ acks: Acknowledged[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER_URL, script, dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let lines = 0;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      lines += chunk.split("\n").length - 1;
      if (lines >= atLeast && !child.killed) child.kill("SIGKILL");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject);
    // "close", not "exit": the lines still in the pipe when the child died count too.
    child.on("close", (code, signal) => {
      if (signal !== "SIGKILL") return reject(new Error(`writer exited by itself (code ${code}): ${err}`));
      // Only complete lines: a line cut by the kill was never fully acknowledged.
      const complete = out.slice(0, out.lastIndexOf("\n") + 1).split("\n").filter(Boolean);
      const acks = complete.map((line) => {
        const [writer, index, seq] = line.split(" ").map(Number);
        return { writer: writer as number, index: index as number, seq: seq as number };
      });
      resolve({ acks, signal });
    });
  });
}

describe("SqliteStore crash durability", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-crash-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("has every acknowledged update after the process is killed with SIGKILL mid-stream", { timeout: 60_000 }, async () => {
    const script = path.join(dir, "writer.mts");
    fs.writeFileSync(script, WRITER_SCRIPT);
    const dataDir = path.join(dir, "data");
    const { acks } = await runAndKill(script, dataDir, 400);
    expect(acks.length).toBeGreaterThanOrEqual(400);

    const store = SqliteStore.open(dataDir);
    try {
      const seqs = acks.map((a) => a.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect((await store.docStats(DOC)).lastSeq).toBeGreaterThanOrEqual(Math.max(...seqs));

      // Every acknowledged sequence number is a stored row ...
      const reader = new Database(store.file, { readonly: true });
      const stored = new Set(reader.prepare<[string], number>("SELECT seq FROM doc_updates WHERE doc = ?").pluck().all(DOC));
      reader.close();
      expect(seqs.filter((s) => !stored.has(s))).toEqual([]);

      // ... and the document loads with every acknowledged edit in it.
      const doc = new Y.Doc();
      for (const update of await loadDocUpdates(store, DOC)) Y.applyUpdate(doc, update);
      const children = doc.getMap("children");
      const missing = acks.filter((a) => children.get(`w${a.writer}-${a.index}`) !== a.index);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

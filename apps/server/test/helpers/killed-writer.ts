import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A process that commits `sql` into the write-ahead log of `file` (WAL mode, no automatic
 * checkpoint) and dies by SIGKILL, as a killed server does: the commits are only in
 * `file-wal`, with a `file-shm` nobody cleaned up.
 */
export function commitThenDie(file: string, sql: string): void {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec(process.argv[2]);
    process.kill(process.pid, "SIGKILL");`;
  const run = spawnSync(process.execPath, ["-e", script, file, sql], { cwd: SERVER_DIR, encoding: "utf8" });
  if (run.signal !== "SIGKILL") throw new Error(`the writer did not die by SIGKILL: ${run.status} ${run.stderr}`);
}

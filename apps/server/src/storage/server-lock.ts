import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { privateDataDir } from "./private-files";
import { join } from "node:path";

// Which process serves a DATA_DIR. A running server holds every loaded document in memory
// and later compacts it into a snapshot of what IT knows, so a document update written
// behind its back (by the CLI's `import` or `seed`) could be dropped by that compaction.
// The server writes its pid here; the CLI refuses to write documents while that process
// lives. A server killed with SIGKILL leaves a stale file, which a dead pid makes harmless.

const LOCK_FILE = "server.pid";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live server process (other than this one) serving `dataDir`, if any. */
export function runningServerPid(dataDir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LOCK_FILE), "utf8");
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  return isAlive(pid) ? pid : undefined;
}

/**
 * Marks `dataDir` as served by this process; returns the function that clears the mark.
 * Refuses when another live process serves it (two servers on one store would each
 * compact away the other's updates).
 */
export function claimServerLock(dataDir: string): () => void {
  const other = runningServerPid(dataDir);
  if (other !== undefined) {
    throw new Error(`DATA_DIR ${dataDir} đang được máy chủ khác dùng (pid ${other}) / is in use by another server (pid ${other})`);
  }
  privateDataDir(dataDir);
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(path, `${process.pid}\n`, { mode: 0o600 });
  return () => {
    try {
      if (readFileSync(path, "utf8").trim() === String(process.pid)) rmSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

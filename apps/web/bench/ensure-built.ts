import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { SERVER_MAIN, WEB_DIST, WEB_ROOT } from "../e2e/support/paths";
import { note } from "./report";

const run = promisify(execFile);
const SERVER_ROOT = join(WEB_ROOT, "../server");
const PACKAGES = join(WEB_ROOT, "../../packages");

/** The newest modification time (ms) of any file under `paths` (folders walked). */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) if (entry !== "node_modules") visit(join(path, entry));
  };
  for (const path of paths) visit(path);
  return newest;
}

/** True when `output` is missing or older than any of `sources`. */
function stale(output: string, sources: readonly string[]): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(sources);
}

/**
 * Builds the web app (`vite build`) and the server (`node build.mjs`) when their output is
 * missing or older than their sources: a benchmark of yesterday's bundle measures nothing.
 */
export async function ensureBuilt(): Promise<void> {
  const packageSources = readdirSync(PACKAGES).map((p) => join(PACKAGES, p, "src"));
  if (stale(SERVER_MAIN, [join(SERVER_ROOT, "src"), ...packageSources])) {
    note("building the server (node build.mjs)");
    await run(process.execPath, ["build.mjs"], { cwd: SERVER_ROOT, timeout: 180_000 });
  }
  const webSources = [join(WEB_ROOT, "src"), join(WEB_ROOT, "index.html"), join(WEB_ROOT, "vite.config.ts"), ...packageSources];
  if (stale(`${WEB_DIST}/index.html`, webSources)) {
    note("building the web app (vite build)");
    await run(join(WEB_ROOT, "node_modules/.bin/vite"), ["build"], { cwd: WEB_ROOT, timeout: 300_000 });
  }
}

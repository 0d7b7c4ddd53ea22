// Runs a benchmark as compiled JavaScript under plain node, as the server runs the rules
// (apps/server bundles them with esbuild too). Under tsx every call into a dependency
// such as @noble/hashes goes through the getters of its module transform, which made
// the fingerprint three times slower than in production; `pnpm run bench:tsx` keeps that
// way for comparison. Usage: node bench/bundle-and-run.mjs bench/rules.ts [args...]
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node bench/bundle-and-run.mjs ENTRY.ts [args...]\n");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "roster-bench-"));
try {
  const outfile = join(dir, "bench.mjs");
  await build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  const run = spawnSync(process.execPath, [outfile, ...args], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

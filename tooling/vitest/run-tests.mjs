#!/usr/bin/env node
// `pnpm test`: runs every package's tests through turbo, then prints one closing line
// "N passed, N failed, N skipped" added up from the JSON reports the runs wrote.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const started = Date.now();
const run = spawnSync("pnpm", ["exec", "turbo", "run", "test", "--continue", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });

let passed = 0, failed = 0, skipped = 0;
for (const group of ["apps", "packages", "tooling"]) {
  for (const name of safeList(join(root, group))) {
    const dir = join(root, group, name);
    for (const file of safeList(dir).filter((f) => /^\.vitest-results.*\.json$/.test(f))) {
      const path = join(dir, file);
      if (statSync(path).mtimeMs < started - 1000) continue; // a report from an earlier run
      const report = JSON.parse(readFileSync(path, "utf8"));
      passed += report.numPassedTests ?? 0;
      failed += report.numFailedTests ?? 0;
      skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    }
  }
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // a suite that failed to start counts as a failure
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// The vitest settings every package shares: the usual console report, plus a JSON report
// that `run-tests.mjs` adds up into the repository's one closing line.
import { defineConfig } from "vitest/config";

/** @param {{ results?: string, include?: string[], testTimeout?: number }} [options] */
export function rosterVitestConfig(options = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
      reporters: ["default", "json"],
      outputFile: { json: options.results ?? ".vitest-results.json" },
      ...(options.testTimeout ? { testTimeout: options.testTimeout, hookTimeout: options.testTimeout } : {}),
    },
  });
}

export default rosterVitestConfig();

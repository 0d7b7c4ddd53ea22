import { defineConfig } from "vitest/config";

// Browser tests: the real server as a child process, Debian's Chromium through
// playwright-core. One file at a time: the machine has two cores.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.e2e.json" },
  },
});

import { defineConfig } from "vitest/config";

// Unit tests of the non-DOM logic; browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // A few model tests replay hundreds of random edits; on a loaded 2-core CI machine
    // they take several seconds (never a speed assertion: benchmarks measure speed).
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
  },
});

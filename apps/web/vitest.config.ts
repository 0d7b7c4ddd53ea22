import { defineConfig } from "vitest/config";

// Unit tests of the non-DOM logic; browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
  },
});

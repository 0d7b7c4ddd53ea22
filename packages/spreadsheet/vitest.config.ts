import { rosterVitestConfig } from "@roster/vitest-config";

// The round trip and the browser test read and write whole workbooks; on the shared
// 2-core machine that can take longer than vitest's 5-second default.
export default rosterVitestConfig({ testTimeout: 60_000 });

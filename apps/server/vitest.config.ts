import { rosterVitestConfig } from "@roster/vitest-config";

// Integration tests start real servers and child processes: give them time on 2 cores.
export default rosterVitestConfig({ testTimeout: 60_000 });

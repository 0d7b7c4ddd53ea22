import { rosterVitestConfig } from "@roster/vitest-config";

// Property tests run hundreds of generated cases; on a loaded 2-core CI machine the
// default 5 s is too tight.
export default rosterVitestConfig({ testTimeout: 60_000 });

import { z } from "zod";

// The knobs of `pnpm bench`, read once. Defaults are the workload; smaller values
// make a quick smoke run (e.g. BENCH_WEB_CHILDREN=500 BENCH_WEB_RUNS=2).
const BenchEnvSchema = z.object({
  BENCH_WEB_CHILDREN: z.coerce.number().int().min(1).max(20_000).default(5000),
  /** Page loads per condition (online reload, offline fresh tab). */
  BENCH_WEB_RUNS: z.coerce.number().int().min(1).max(20).default(5),
  /** About how many keystrokes the typing benchmark sends (rounded up to whole rounds). */
  BENCH_WEB_KEYSTROKES: z.coerce.number().int().min(10).max(1000).default(100),
  /** Pause between keystrokes: a quick thumb on a phone keyboard. */
  BENCH_WEB_KEY_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(120),
  /** A folder: each benchmark then also writes the Chromium CPU profile of its extra run. */
  BENCH_WEB_PROFILE_DIR: z.string().min(1).optional(),
  /** Seed of the synthetic roster (the same seed gives the same children). */
  BENCH_WEB_SEED: z.coerce.number().int().default(20_260_601),
});
export type BenchEnv = z.infer<typeof BenchEnvSchema>;

/** The benchmark settings from the environment (defaults: the workload). */
export function readBenchEnv(source: Record<string, string | undefined> = process.env): BenchEnv {
  return BenchEnvSchema.parse(source);
}

import { z } from "zod";

// The knobs of `pnpm bench`, read once. Defaults are the workload of the issue; smaller
// values make a quick smoke run (e.g. BENCH_FANOUT_SECONDS=2 BENCH_COLD_RUNS=1).
const BenchEnvSchema = z.object({
  BENCH_FANOUT_ROSTERS: z.coerce.number().int().min(1).max(200).default(50),
  BENCH_FANOUT_CHILDREN: z.coerce.number().int().min(2).max(2000).default(200),
  /** Editors per roster (each roster also gets one read-only observer). */
  BENCH_FANOUT_EDITORS_PER_ROSTER: z.coerce.number().int().min(1).max(10).default(2),
  /** Total paced edit rate across every editor. */
  BENCH_FANOUT_RATE: z.coerce.number().int().min(1).max(20_000).default(1000),
  BENCH_FANOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
  BENCH_FANOUT_WARMUP_SECONDS: z.coerce.number().min(0).max(30).default(2),
  /**
   * Rounds of ours then the reference, alternated: one round of each swings 3-10x with
   * what else the shared machine is doing, so lines report the median round.
   */
  BENCH_FANOUT_ROUNDS: z.coerce.number().int().min(1).max(9).default(3),
  /** `scaled.fanout`: rounds of two instances and of one, alternated (the line reports the median round). */
  BENCH_SCALED_ROUNDS: z.coerce.number().int().min(1).max(9).default(2),
  /** `scaled.province`: rosters and children in all (issue 16: 170 and 140,175, the default; ~2.5 min on 2 cores). */
  BENCH_PROVINCE_ROSTERS: z.coerce.number().int().min(1).max(500).default(170),
  BENCH_PROVINCE_CHILDREN: z.coerce.number().int().min(1).max(500_000).default(140_175),
  /** Connected editors (each with its records and review document), spread over rosters and both instances. */
  BENCH_PROVINCE_EDITORS: z.coerce.number().int().min(2).max(1000).default(200),
  /** Clients connecting at once (a wave syncs before the next starts). */
  BENCH_PROVINCE_CONNECT_BATCH: z.coerce.number().int().min(1).max(1000).default(20),
  BENCH_PROVINCE_SECONDS: z.coerce.number().min(1).max(300).default(30),
  BENCH_PROVINCE_NOTE_RATE: z.coerce.number().min(0).max(1000).default(20),
  BENCH_PROVINCE_STATUS_RATE: z.coerce.number().min(0.1).max(100).default(4),
  BENCH_COLD_CHILDREN: z.coerce.number().int().min(10).max(20_000).default(5000),
  BENCH_COLD_HISTORY_EDITS: z.coerce.number().int().min(0).max(20_000).default(2000),
  BENCH_COLD_RUNS: z.coerce.number().int().min(1).max(15).default(5),
  /** Overrides of our server's environment for experiments, as JSON: `{"MARK_DEBOUNCE_MS":"900"}`. */
  BENCH_SERVER_ENV: z
    .string()
    .default("{}")
    .transform((text) => z.record(z.string(), z.string()).parse(JSON.parse(text))),
  /** A folder: server processes then write V8 CPU profiles there (`node --cpu-prof`). */
  BENCH_CPU_PROF_DIR: z.string().min(1).optional(),
  /** A PostgreSQL server (no database in the URL) where `store-appends` creates and drops its database. */
  BENCH_POSTGRES_SERVER: z.string().url().default("postgres://postgres@127.0.0.1:5432"),
  /** `store-appends`: documents written at once, and appends per document. */
  BENCH_STORE_DOCS: z.coerce.number().int().min(1).max(500).default(50),
  BENCH_STORE_APPENDS: z.coerce.number().int().min(1).max(2000).default(100),
  BENCH_SNAPSHOT_EDITS_PER_CHILD: z.coerce.number().int().min(0).max(20).default(4),
  /** Fresh server processes per first-sync figure (the line reports their median). */
  BENCH_FIRST_SYNC_RUNS: z.coerce.number().int().min(1).max(15).default(3),
  /** Roster sizes of `server.first-sync`, comma separated (one roster each). */
  BENCH_FIRST_SYNC_SIZES: z
    .string()
    .default("500,5000,20000")
    .transform((text) => text.split(",").map((entry) => Number(entry.trim())))
    .pipe(z.array(z.number().int().min(10).max(20_000)).min(1)),
  /** The roster size of `server.first-sync.reconnect` and `.memory`. */
  BENCH_FIRST_SYNC_CHILDREN: z.coerce.number().int().min(10).max(20_000).default(5000),
  /** Field edits stored after the seed in the `history` variant (and compacted in `compacted`). */
  BENCH_FIRST_SYNC_EDITS: z.coerce.number().int().min(1).max(5000).default(200),
});
export type BenchEnv = z.infer<typeof BenchEnvSchema>;

/** The benchmark settings from the environment (defaults: the workload). */
export function readBenchEnv(source: Record<string, string | undefined> = process.env): BenchEnv {
  return BenchEnvSchema.parse(source);
}

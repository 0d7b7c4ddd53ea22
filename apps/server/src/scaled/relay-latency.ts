// Round-trip latency of the Redis bus between two instances (two RedisBus objects, two
// connections each, one process so one clock). Instance A publishes a committed update of
// `ping:<run>`; B watches it and publishes the same seq on `pong:<run>`; A times the pair.
// One JSON line on stdout. Run: `flock /tmp/bench.lock npx tsx src/scaled/relay-latency.ts [updateBytes]`.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { RedisBus } from "./redis-bus";

interface RelayLatency {
  bench: "server.relay";
  messages: number;
  updateBytes: number;
  roundTripMs: { p50: number; p95: number; p99: number; max: number };
  oneWayMs: { p50: number; p99: number };
  loadAvg1m: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round((sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN) * 1000) / 1000;
}

export async function measureRelay(url: string, messages = 1000, updateBytes = 200): Promise<RelayLatency> {
  const run = randomUUID().slice(0, 8);
  const prefix = `roster-bench:${run}:`;
  const a = new RedisBus({ url, prefix, instance: `bench-${run}-a` });
  const b = new RedisBus({ url, prefix, instance: `bench-${run}-b` });
  try {
    const subscribed = (bus: RedisBus, doc: string, onSeq: (seq: number) => void) =>
      new Promise<void>((resolve) => bus.watch(doc, { committed: (m) => onSeq(m.seq), compacted: () => {}, subscribed: resolve }));
    const oneWay: number[] = [];
    const roundTrip: number[] = [];
    let sentAt = 0;
    let answer: (seq: number) => void = () => {};
    await subscribed(b, "ping", (seq) => {
      oneWay.push(performance.now() - sentAt);
      void b.publishCommitted({ doc: "pong", seq });
    });
    await subscribed(a, "pong", (seq) => answer(seq));
    const update = new Uint8Array(updateBytes).fill(1);
    for (let seq = 1; seq <= messages; seq++) {
      const back = new Promise<number>((resolve) => (answer = resolve));
      sentAt = performance.now();
      await a.publishCommitted({ doc: "ping", seq, update });
      if ((await back) !== seq) throw new Error("answers out of order");
      roundTrip.push(performance.now() - sentAt);
    }
    const rt = [...roundTrip].sort((x, y) => x - y);
    const ow = [...oneWay].sort((x, y) => x - y);
    return {
      bench: "server.relay",
      messages,
      updateBytes,
      roundTripMs: { p50: percentile(rt, 50), p95: percentile(rt, 95), p99: percentile(rt, 99), max: percentile(rt, 100) },
      oneWayMs: { p50: percentile(ow, 50), p99: percentile(ow, 99) },
      loadAvg1m: loadavg()[0] ?? Number.NaN,
    };
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const updateBytes = Number(process.argv[2] ?? 200);
  console.log(JSON.stringify(await measureRelay("redis://127.0.0.1:6379", 1000, updateBytes)));
}

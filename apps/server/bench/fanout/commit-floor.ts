import { openStore } from "../../src/storage/open-store";
import { sleep } from "../wait";

export interface CommitFloor {
  appends: number;
  /** Append submitted → acknowledged as on disk, per append (ms). */
  latencies: number[];
}

/**
 * The price of durability alone: our store (SQLite, WAL, `synchronous=FULL`, the writer
 * thread) appending small updates to `docs` documents at a paced `ratePerSec`, with
 * nothing else running. Every edit our server relays waits for one such append, so
 * fan-out latency can at best be the in-memory reference's plus this.
 */
export async function measureCommitFloor(dataDir: string, options: { docs: number; ratePerSec: number; seconds: number; updateBytes: number }): Promise<CommitFloor> {
  const store = await openStore({ DATA_DIR: dataDir });
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  try {
    const update = new Uint8Array(options.updateBytes).fill(7);
    const total = Math.round(options.ratePerSec * options.seconds);
    const started = performance.now();
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / options.ratePerSec;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const sentAt = performance.now();
      pending.push(store.appendUpdate(`floor:${n % options.docs}`, update).then(() => void latencies.push(performance.now() - sentAt)));
    }
    await Promise.all(pending);
    return { appends: total, latencies };
  } finally {
    await store.close();
  }
}

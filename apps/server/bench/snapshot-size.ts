import * as Y from "yjs";
import { compactEditLog } from "@roster/doc";
import { makeEditHistory } from "./edit-history";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round, type Figure } from "./report";
import { seededRoster } from "./roster-doc";

const SIZES = [1000, 5000] as const;

/**
 * `server.snapshot-size`: bytes of `Y.encodeStateAsUpdate` of a records document, fresh
 * from a seed and after an edit history (N field edits per child by three agencies),
 * before and after `compactEditLog`, plus what the store holds before compaction.
 */
export async function benchSnapshotSize(env: BenchEnv): Promise<void> {
  const editsPerChild = env.BENCH_SNAPSHOT_EDITS_PER_CHILD;
  const rosters: Record<string, Figure>[] = [];
  for (const children of SIZES) {
    const seeded = seededRoster(20_000 + children, children);
    const seedBytes = seeded.update.byteLength;
    const history = makeEditHistory(seeded.update, seeded.childIds, editsPerChild * children);
    const storedBytes = seedBytes + history.updates.reduce((sum, update) => sum + update.byteLength, 0);
    let started = performance.now();
    const snapshotBytes = Y.encodeStateAsUpdate(history.doc).byteLength;
    const encodeMs = performance.now() - started;
    started = performance.now();
    const removed = compactEditLog(history.doc);
    const compactMs = performance.now() - started;
    const compactedBytes = Y.encodeStateAsUpdate(history.doc).byteLength;
    history.doc.destroy();
    const per1000 = (bytes: number) => Math.round((bytes * 1000) / children);
    rosters.push({
      children,
      seedBytes,
      seedBytesPer1000: per1000(seedBytes),
      editUpdates: history.updates.length,
      storedUpdateBytes: storedBytes,
      snapshotBytes,
      snapshotBytesPer1000: per1000(snapshotBytes),
      compactedBytes,
      compactedBytesPer1000: per1000(compactedBytes),
      logEntriesRemoved: removed,
      encodeMs: round(encodeMs, 1),
      compactEditLogMs: round(compactMs, 1),
    });
    note(`snapshot-size: ${children} children measured`);
  }
  const largest = rosters[rosters.length - 1] as Record<string, Figure>;
  emit("snapshot-size", {
    editsPerChild,
    bytesPer1000Children: largest["seedBytesPer1000"] as number,
    bytesPer1000ChildrenWithHistory: largest["compactedBytesPer1000"] as number,
    rosters,
    ...machineFigures(),
  });
}

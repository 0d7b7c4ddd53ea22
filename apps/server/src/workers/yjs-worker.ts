// The worker thread of `YjsWorkerPool`: diffs and compactions of stored Yjs updates.
// Bundled as its own entry (build.mjs) so dist/ runs it without TypeScript.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { RecordsGuard } from "../guard/records-guard";
import { compactUpdates } from "../sync/yjs-offload";
import type { YjsJob, YjsReply } from "./yjs-worker-protocol";

// The guard's gcFilter is a pure function of the item; one guard serves every job.
const recordsGc = new RecordsGuard().gcFilter;

parentPort?.on("message", (job: YjsJob) => {
  let reply: YjsReply;
  const transfer: ArrayBuffer[] = [];
  try {
    if (job.kind === "diff") {
      const update = Y.diffUpdate(job.update, job.stateVector);
      transfer.push(update.buffer as ArrayBuffer);
      reply = { id: job.id, ok: true, update };
    } else {
      const snapshot = compactUpdates(job.job, job.job.gc === "records" ? recordsGc : undefined);
      transfer.push(snapshot.update.buffer as ArrayBuffer, snapshot.stateVector.buffer as ArrayBuffer);
      reply = { id: job.id, ok: true, snapshot };
    }
  } catch (error) {
    reply = { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});

// The module Web Worker that reads, plans and writes spreadsheets (see worker-jobs.ts).
// Requests are handled one after another, in the order they arrive.
import { WorkerJobs } from "./worker-jobs";
import type { WorkerReply, WorkerRequest } from "./worker-protocol";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

const jobs = new WorkerJobs();
let queue: Promise<void> = Promise.resolve();

function send(reply: WorkerReply): void {
  // File bytes go back without a copy.
  const transfer = reply.type === "list" && reply.output.format !== "html" ? [reply.output.bytes.buffer as ArrayBuffer] : [];
  scope.postMessage(reply, transfer);
}

scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(() => jobs.handle(request, send));
};

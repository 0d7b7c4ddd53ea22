import type { Worker } from "node:worker_threads";
import * as Y from "yjs";
import type { NewSnapshot } from "../storage/store";
import type { CompactJob, YjsOffload } from "../sync/yjs-offload";
import { startWorker } from "./start-worker";
import type { YjsReply, YjsRequest } from "./yjs-worker-protocol";

/** Below this many bytes a diff costs less than posting it to a thread: done in place. */
const INLINE_DIFF_BELOW_BYTES = 64 * 1024;

export interface YjsWorkerPoolOptions {
  /** Heap of each thread (V8 old generation); a 20,000-child roster compacts in ~600 MB. */
  memoryMb?: number;
  /** Jobs waiting in one lane; one more is refused (the caller closes its client with 1013). */
  maxQueued?: number;
}

/** Too much waiting already: the caller should come back later. */
export class OffloadBusyError extends Error {
  override readonly name = "OffloadBusyError";
}

type Pending = { resolve: (reply: YjsReply) => void; reject: (error: Error) => void };

/** One worker thread and the jobs it owes answers for; restarted after it dies. */
class Lane {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly name: string,
    private readonly options: Required<YjsWorkerPoolOptions>,
  ) {}

  run(job: YjsRequest): Promise<YjsReply> {
    if (this.pending.size >= this.options.maxQueued) return Promise.reject(new OffloadBusyError(`${this.name}: ${this.pending.size} jobs waiting`));
    const id = this.nextId++;
    const worker = this.ensure();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Copied, not transferred: the stored bytes stay in use by the room.
      worker.postMessage({ ...job, id });
    });
  }

  close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error(`${this.name}: closed`));
    return worker ? worker.terminate().then(() => undefined) : Promise.resolve();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker("workers/yjs-worker", {
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 64 },
      stdout: false,
      stderr: false,
    });
    // A server has its sockets to keep it alive; a CLI must not hang on an idle thread.
    worker.unref();
    worker.on("message", (reply: YjsReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on("error", (error) => died(error));
    worker.on("exit", (code) => died(new Error(`${this.name}: the thread exited with ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const waiting of pending) waiting.reject(error);
  }
}

/**
 * Diffs for reconnecting clients and compactions, each in a worker thread of its own (a
 * long compaction never holds up a reconnect). A thread that dies (out of memory, say)
 * fails its jobs and is started again for the next.
 */
export class YjsWorkerPool implements YjsOffload {
  private readonly diffs: Lane;
  private readonly compactions: Lane;

  constructor(options: YjsWorkerPoolOptions = {}) {
    const settings = { memoryMb: options.memoryMb ?? 2048, maxQueued: options.maxQueued ?? 256 };
    this.diffs = new Lane("yjs diff thread", settings);
    this.compactions = new Lane("yjs compaction thread", settings);
  }

  readonly diff = async (update: Uint8Array, stateVector: Uint8Array): Promise<Uint8Array> => {
    if (update.byteLength < INLINE_DIFF_BELOW_BYTES) return Y.diffUpdate(update, stateVector);
    const reply = await this.diffs.run({ kind: "diff", update, stateVector });
    if (!reply.ok) throw new Error(reply.message);
    if (!("update" in reply)) throw new Error("yjs diff thread: unexpected answer");
    return reply.update;
  };

  async compact(job: CompactJob): Promise<NewSnapshot> {
    const reply = await this.compactions.run({ kind: "compact", job });
    if (!reply.ok) throw new Error(reply.message);
    if (!("snapshot" in reply)) throw new Error("yjs compaction thread: unexpected answer");
    return reply.snapshot;
  }

  async close(): Promise<void> {
    await Promise.all([this.diffs.close(), this.compactions.close()]);
  }
}

import {
  LIMIT_MESSAGES,
  READ_LIMITS,
  SpreadsheetLimitError,
  SpreadsheetReadError,
  type RawTable,
  type ReadLimits,
  type ReadWorkbookOptions,
} from "@roster/spreadsheet";
import { RateLimitError } from "../errors";
import { startWorker } from "../workers/start-worker";
import type { ReaderJob, ReaderReply } from "./spreadsheet-reader-protocol";

export interface SpreadsheetReaderOptions {
  limits?: ReadLimits;
  /** Heap of each worker (V8 old generation). A 20,000-row list (the row limit) reads in 256 MB. */
  memoryMb?: number;
  /** A read that takes longer is stopped. */
  timeoutMs?: number;
  /** Files read at once; each may use `memoryMb`. */
  concurrency?: number;
  /** Files waiting for a worker; one more is refused (429). */
  maxQueued?: number;
}


/**
 * Reads spreadsheets off the event loop: each file in its own worker thread with a capped
 * heap and a deadline, after `preflightSpreadsheet` (in that worker) has refused what is
 * over the read limits. A worker that runs out of memory or time dies alone; the server
 * answers 413 / 422 and goes on serving everyone else. Used by the import API and the CLI
 * (and meant for any later feature that reads a list someone uploads).
 */
export class SpreadsheetReader {
  private readonly limits: ReadLimits;
  private readonly memoryMb: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: SpreadsheetReaderOptions = {}) {
    this.limits = options.limits ?? READ_LIMITS;
    this.memoryMb = options.memoryMb ?? 384;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.concurrency = options.concurrency ?? 2;
    this.maxQueued = options.maxQueued ?? 16;
  }

  /**
   * The file's table, as `readWorkbook` reads it.
   * @throws SpreadsheetLimitError over a limit, out of memory or time; SpreadsheetReadError
   * for a file that is not a readable list; RateLimitError when too many files wait.
   */
  async read(bytes: Uint8Array, fileName: string, options: ReadWorkbookOptions = {}): Promise<RawTable> {
    await this.slot();
    try {
      return await this.inWorker({ bytes, fileName, options, limits: this.limits });
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private async slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= this.maxQueued) {
      throw new RateLimitError("Máy chủ đang đọc nhiều tệp, hãy thử lại sau ít phút / The server is reading many files, try again in a few minutes");
    }
    // The finishing read hands its slot over: `running` stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private inWorker(job: ReaderJob): Promise<RawTable> {
    return new Promise((resolve, reject) => {
      const worker = startWorker("imports/spreadsheet-reader-worker", {
        resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 32 },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        outcome();
      };
      const timer = setTimeout(() => settle(() => reject(new SpreadsheetLimitError("too_slow", LIMIT_MESSAGES.timeout))), this.timeoutMs);
      worker.once("message", (reply: ReaderReply) => settle(() => (reply.ok ? resolve(reply.table) : reject(rebuild(reply)))));
      worker.once("error", (error: Error & { code?: string }) =>
        settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new SpreadsheetLimitError("out_of_memory", LIMIT_MESSAGES.memory) : error)),
      );
      worker.once("exit", (code) => settle(() => reject(new Error(`spreadsheet reader exited with ${code} before answering`))));
      // A copy for the worker to own: the caller's bytes stay usable.
      const bytes = job.bytes.slice();
      worker.postMessage({ ...job, bytes }, [bytes.buffer]);
    });
  }
}

function rebuild(reply: Exclude<ReaderReply, { ok: true }>): Error {
  if (reply.kind === "limit") return new SpreadsheetLimitError(reply.code, reply.text);
  if (reply.kind === "read") return new SpreadsheetReadError(reply.code, reply.text);
  return new Error(reply.message);
}

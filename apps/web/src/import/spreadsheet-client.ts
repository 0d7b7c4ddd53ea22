import type { LocalizedText, ReconcilePreview } from "@roster/schema";
import type { ImportPlan } from "@roster/spreadsheet";
import type { ListOutput, ReadSummary, WorkerReply, WorkerRequest } from "./worker-protocol";

/** A job the worker could not do: `text` from the spreadsheet package when it has words for it. */
export class SpreadsheetJobError extends Error {
  override readonly name = "SpreadsheetJobError";
  constructor(
    readonly text: LocalizedText | null,
    detail: string,
  ) {
    super(detail);
  }
}

/** A mapping the person must fix first (no name column, a field chosen twice). */
export class MappingProblemsError extends Error {
  override readonly name = "MappingProblemsError";
  constructor(readonly problems: LocalizedText[]) {
    super(problems.map((p) => p.en).join("; "));
  }
}

/** What `postMessage` and `terminate` of a Worker the client needs (tests pass a fake). */
export interface WorkerPort {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

type Pending = {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
  onProgress?: (done: number, total: number) => void;
};

type Body<T extends WorkerRequest["type"]> = Omit<Extract<WorkerRequest, { type: T }>, "id" | "type">;

/** Starts the app's spreadsheet worker (vite bundles it with exceljs as its own chunk). */
export function startSpreadsheetWorker(): WorkerPort {
  return new Worker(new URL("./spreadsheet-worker.ts", import.meta.url), { type: "module", name: "spreadsheet" }) as unknown as WorkerPort;
}

/**
 * Promise-based calls into the spreadsheet worker, with progress. One client per screen;
 * `close()` stops the worker (and with it any job still running).
 */
export class SpreadsheetClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly port: WorkerPort = startSpreadsheetWorker()) {
    port.onmessage = (event) => this.receive(event.data);
    port.onerror = (event) => {
      event.preventDefault?.();
      this.failAll(new SpreadsheetJobError(null, event.message || "worker failed"));
    };
  }

  /** Reads a file; the table stays in the worker for the plans that follow. */
  async read(bytes: ArrayBuffer, fileName: string, sheets?: readonly string[]): Promise<ReadSummary> {
    const body: Body<"read"> = sheets === undefined ? { bytes, fileName } : { bytes, fileName, sheets: [...sheets] };
    const reply = await this.call("read", body, undefined, [bytes]);
    if (reply.type !== "read") throw new SpreadsheetJobError(null, `unexpected ${reply.type}`);
    return reply.summary;
  }

  /** Plans the import of the last file read. @throws MappingProblemsError */
  async plan(body: Body<"plan">, onProgress?: (done: number, total: number) => void): Promise<{ plan: ImportPlan; ms: number }> {
    const reply = await this.call("plan", body, onProgress);
    if (reply.type === "invalid-mapping") throw new MappingProblemsError(reply.problems);
    if (reply.type !== "plan") throw new SpreadsheetJobError(null, `unexpected ${reply.type}`);
    return { plan: reply.plan, ms: reply.ms };
  }

  /** Compares the last file read, as a national extract, with the roster. @throws MappingProblemsError */
  async reconcile(body: Body<"reconcile">): Promise<{ preview: ReconcilePreview; ms: number }> {
    const reply = await this.call("reconcile", body);
    if (reply.type === "invalid-mapping") throw new MappingProblemsError(reply.problems);
    if (reply.type !== "reconcile") throw new SpreadsheetJobError(null, `unexpected ${reply.type}`);
    return { preview: reply.preview, ms: reply.ms };
  }

  /** Writes one of the three lists. */
  async list(body: Body<"list">): Promise<ListOutput> {
    const reply = await this.call("list", body);
    if (reply.type !== "list") throw new SpreadsheetJobError(null, `unexpected ${reply.type}`);
    return reply.output;
  }

  close(): void {
    this.port.terminate();
    this.failAll(new SpreadsheetJobError(null, "closed"));
  }

  private call<T extends WorkerRequest["type"]>(
    type: T,
    body: Body<T>,
    onProgress?: (done: number, total: number) => void,
    transfer: Transferable[] = [],
  ): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, onProgress ? { resolve, reject, onProgress } : { resolve, reject });
      this.port.postMessage({ ...body, id, type } as unknown as WorkerRequest, transfer);
    });
  }

  private receive(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === "progress") {
      pending.onProgress?.(reply.done, reply.total);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === "error") pending.reject(new SpreadsheetJobError(reply.text, reply.detail));
    else pending.resolve(reply);
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

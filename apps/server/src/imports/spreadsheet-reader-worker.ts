// The worker thread of `SpreadsheetReader`: preflight, then read, one file per thread.
// Bundled as its own entry (build.mjs) so dist/ runs it without TypeScript.
import { parentPort } from "node:worker_threads";
import { SpreadsheetLimitError, SpreadsheetReadError, preflightSpreadsheet, readWorkbook } from "@roster/spreadsheet";
import type { ReaderJob, ReaderReply } from "./spreadsheet-reader-protocol";

parentPort?.once("message", (job: ReaderJob) => {
  void read(job).then((reply) => parentPort?.postMessage(reply));
});

async function read(job: ReaderJob): Promise<ReaderReply> {
  try {
    await preflightSpreadsheet(job.bytes, job.limits);
    return { ok: true, table: await readWorkbook(job.bytes, job.fileName, job.options) };
  } catch (error) {
    if (error instanceof SpreadsheetLimitError) return { ok: false, kind: "limit", code: error.code, text: error.text };
    if (error instanceof SpreadsheetReadError) return { ok: false, kind: "read", code: error.code, text: error.text };
    return { ok: false, kind: "other", message: error instanceof Error ? error.message : String(error) };
  }
}

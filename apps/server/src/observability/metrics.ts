import type { AppDeps } from "../api/deps";

type Sample = [name: string, help: string, type: "gauge" | "counter", value: number, labels?: Record<string, string | number>];

/** Prometheus text exposition (version 0.0.4) of the server's counters. */
export function renderMetrics(deps: Pick<AppDeps, "hub" | "httpStats">): string {
  const sync = deps.hub.registry.stats();
  const marks = deps.hub.markStats;
  const http = deps.httpStats;
  const samples: Sample[] = [
    ["roster_sync_connections", "Open sync connections", "gauge", sync.connections],
    ["roster_docs_loaded", "Documents loaded in memory", "gauge", sync.rooms],
    ["roster_updates_persisted_total", "Updates durably stored", "counter", sync.updatesPersisted],
    ["roster_update_batches_persisted_total", "Group-committed batches", "counter", sync.batchesPersisted],
    ["roster_update_bytes_persisted_total", "Bytes of updates stored", "counter", sync.bytesPersisted],
    ["roster_persist_failures_total", "Failed durable writes", "counter", sync.persistFailures],
    ["roster_compactions_total", "Snapshots written", "counter", sync.compactions],
    ["roster_docs_built_total", "Documents built from storage (Y.Doc) by this instance", "counter", sync.docsBuilt],
    ["roster_doc_build_ms_total", "Time spent building documents (ms)", "counter", sync.buildMs],
    ["roster_sync_answers_total", "Sync answers from the stored bytes, by kind", "counter", sync.syncFromStored, { kind: "stored-bytes" }],
    ["roster_sync_answers_total", "Sync answers from the stored bytes, by kind", "counter", sync.syncDiffs, { kind: "diff" }],
    ["roster_sync_answers_before_build_total", "Sync answers sent before the document was built", "counter", sync.syncBeforeBuild],
    ["roster_sync_answer_bytes_total", "Bytes of updates sent in sync answers", "counter", sync.syncAnswerBytes],
    ["roster_sync_parts_skipped_total", "Stored parts left out of answers because the client held them", "counter", sync.syncPartsSkipped],
    ["roster_updates_held_total", "Client updates that waited for their document to be built", "counter", sync.updatesHeld],
    ["roster_readonly_updates_dropped_total", "Updates from read-only connections dropped", "counter", sync.readOnlyDropped],
    ["roster_guard_runs_total", "Client updates checked by the server guard", "counter", sync.guardRuns],
    ["roster_guard_ms_total", "Time spent in the server guard (ms)", "counter", sync.guardMs],
    ["roster_guard_repairs_total", "Client updates the server guard repaired", "counter", sync.guardRepairs],
    ["roster_guard_failures_total", "Server guard errors (update kept unrepaired)", "counter", sync.guardFailures],
    ["roster_mark_runs_total", "Roster evaluations", "counter", marks.runs],
    ["roster_marks_written_total", "Marks changed", "counter", marks.marksWritten],
    ["roster_mark_last_ms", "Duration of the last evaluation", "gauge", marks.lastMs],
    ["roster_http_requests_total", "HTTP requests", "counter", http.requests],
    ["roster_process_resident_bytes", "Resident memory", "gauge", process.memoryUsage().rss],
    ["roster_process_heap_used_bytes", "V8 heap in use", "gauge", process.memoryUsage().heapUsed],
  ];
  const lines: string[] = [];
  const seen = new Set<string>();
  const head = (name: string, help: string, type: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  };
  for (const [name, help, type, value, labels] of samples) {
    head(name, help, type);
    lines.push(`${name}${labelText(labels)} ${value}`);
  }
  head("roster_sync_closes_total", "Connections closed by the server, by close code", "counter");
  for (const [code, count] of Object.entries(sync.closes)) lines.push(`roster_sync_closes_total{code="${code}"} ${count}`);
  head("roster_http_responses_total", "HTTP responses by status", "counter");
  for (const [status, count] of http.byStatus) lines.push(`roster_http_responses_total{status="${status}"} ${count}`);
  const latency = sync.persistLatency;
  head("roster_write_latency_ms", "Durable write latency of update batches (ms)", "histogram");
  for (const bucket of latency.buckets) lines.push(`roster_write_latency_ms_bucket{le="${bucket.le}"} ${bucket.count}`);
  lines.push(`roster_write_latency_ms_bucket{le="+Inf"} ${latency.count}`);
  lines.push(`roster_write_latency_ms_sum ${latency.sumMs}`, `roster_write_latency_ms_count ${latency.count}`);
  return lines.join("\n") + "\n";
}

function labelText(labels?: Record<string, string | number>): string {
  if (!labels) return "";
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/["\\\n]/g, "_")}"`).join(",")}}`;
}

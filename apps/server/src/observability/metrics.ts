import type { AppDeps } from "../api/deps";
import type { ClusterStats } from "../rosters/roster-cluster";
import type { LatencySnapshot } from "../sync/sync-stats";

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
    ["roster_relayed_updates_total", "Committed updates a replica took from the bus (scaled mode)", "counter", sync.relayed],
    ["roster_relay_gaps_repaired_total", "Gaps in a document's sequence filled from PostgreSQL (scaled mode)", "counter", sync.relayGapsRepaired],
    ["roster_relay_updates_read_from_store_total", "Updates a replica read from PostgreSQL instead of the bus (scaled mode)", "counter", sync.relayReadFromStore],
    ...clusterSamples(deps.hub.cluster?.stats()),
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
  histogram(lines, head, "roster_write_latency_ms", "Durable write latency of update batches (ms)", sync.persistLatency);
  if (deps.hub.cluster) histogram(lines, head, "roster_relay_lag_ms", "Owner commit to replica receipt over the bus (ms, scaled mode)", sync.relayLag);
  return lines.join("\n") + "\n";
}

function histogram(lines: string[], head: (name: string, help: string, type: string) => void, name: string, help: string, h: LatencySnapshot): void {
  head(name, help, "histogram");
  for (const bucket of h.buckets) lines.push(`${name}_bucket{le="${bucket.le}"} ${bucket.count}`);
  lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sumMs}`, `${name}_count ${h.count}`);
}

/** Scaled mode: ownership and the bus. */
function clusterSamples(cluster: ClusterStats | undefined): Sample[] {
  if (!cluster) return [];
  return [
    ["roster_owned_rosters", "Rosters this instance owns (holds the lease of)", "gauge", cluster.owned],
    ["roster_lease_claims_total", "Roster leases taken while free", "counter", cluster.claims],
    ["roster_lease_takeovers_total", "Roster leases taken over from an owner that stopped renewing", "counter", cluster.takeovers],
    ["roster_leases_lost_total", "Roster leases this instance lost (taken over while it was paused, or renewals failed)", "counter", cluster.lost],
    ["roster_relay_up", "1 while the relay (Redis) is connected", "gauge", cluster.busHealthy ? 1 : 0],
    ["roster_relay_published_total", "Messages published on the relay", "counter", cluster.bus.published],
    ["roster_relay_received_total", "Messages received from the relay", "counter", cluster.bus.received],
    ["roster_relay_dropped_total", "Malformed relay messages dropped", "counter", cluster.bus.dropped],
    ["roster_relay_reconnects_total", "Times the relay reconnected and every watcher re-read the store", "counter", cluster.bus.reconnects],
  ];
}

function labelText(labels?: Record<string, string | number>): string {
  if (!labels) return "";
  return `{${Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/["\\\n]/g, "_")}"`).join(",")}}`;
}

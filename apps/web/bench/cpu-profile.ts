import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { WEB_DIST } from "../e2e/support/paths";
import { note } from "./report";

/** The parts of a V8 CPU profile (CDP `Profiler.Profile`) the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Where main-thread time went, by original source (through the bundle's source map). */
export interface ProfileSummary {
  totalMs: number;
  /** Self time per source file (`packages/rules/src/duplicates.ts`, `yjs/dist/yjs.mjs`, `(garbage collector)` …). */
  byFile: { where: string; ms: number }[];
  /** Self time per function, as `file:line name`. */
  byFunction: { where: string; ms: number }[];
  /** Time inside each function of our own code (`src/`, `packages/`), callees included. */
  ownInclusive: { where: string; ms: number }[];
}

/** Starts sampling the page's JavaScript; the returned function stops and hands the profile. */
export async function startCpuProfile(page: Page): Promise<() => Promise<CpuProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  await cdp.send("Profiler.start");
  return async () => {
    const { profile } = await cdp.send("Profiler.stop");
    await cdp.detach();
    return profile as CpuProfile;
  };
}

/** A source path as people name it: the package-relative path, without `../` and the store. */
function shortSource(source: string): string {
  const inModules = source.lastIndexOf("node_modules/");
  if (inModules >= 0) return source.slice(inModules + "node_modules/".length);
  return source.replace(/^(\.\.\/)+/, "").replace(/^apps\/web\//, "");
}

/** Maps bundle positions to original sources with the source maps `vite build` wrote. */
function bundleResolver(): (url: string, line: number, column: number) => { file: string; line: number; name?: string } | null {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string): SourceMap | null => {
    if (!maps.has(url)) {
      const path = join(WEB_DIST, new URL(url).pathname) + ".map";
      maps.set(url, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, "utf8")) as SourceMapPayload) : null);
    }
    return maps.get(url) ?? null;
  };
  return (url, line, column) => {
    if (!/^https?:/.test(url)) return null;
    const entry = mapOf(url)?.findEntry(line, column) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
    if (!entry?.originalSource) return null;
    return { file: shortSource(entry.originalSource), line: (entry.originalLine ?? 0) + 1, ...(entry.name ? { name: entry.name } : {}) };
  };
}

function top(totals: Map<string, number>, limit: number): { where: string; ms: number }[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, us]) => ({ where, ms: Math.round(us / 100) / 10 }));
}

/** Self time of a profile by original file and function, and inclusive time of our own code (idle left out). */
export function summarizeProfile(profile: CpuProfile, limit = 8): ProfileSummary {
  const resolve = bundleResolver();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const labels = new Map<number, { file: string; fn: string }>();
  const labelOf = (id: number): { file: string; fn: string } => {
    const known = labels.get(id);
    if (known) return known;
    const frame = nodes.get(id)?.callFrame ?? { functionName: "?", url: "", lineNumber: 0, columnNumber: 0 };
    const origin = resolve(frame.url, frame.lineNumber, frame.columnNumber);
    const file = origin?.file ?? (frame.url ? shortSource(frame.url) : frame.functionName);
    const fn = origin ? `${origin.file}:${origin.line} ${origin.name ?? frame.functionName}` : `${file} ${frame.functionName}`;
    const label = { file, fn };
    labels.set(id, label);
    return label;
  };
  const own = (file: string) => file.startsWith("src/") || file.startsWith("packages/");

  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    const id = samples[i] as number;
    if (nodes.get(id)?.callFrame.functionName === "(idle)") continue;
    // The interval up to the next sample is spent where this sample landed.
    const us = deltas[i + 1] ?? 0;
    total += us;
    const { file, fn } = labelOf(id);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const label = labelOf(at);
      if (!own(label.file) || seen.has(label.fn)) continue;
      seen.add(label.fn);
      ownInclusive.set(label.fn, (ownInclusive.get(label.fn) ?? 0) + us);
    }
  }
  return {
    totalMs: Math.round(total / 100) / 10,
    byFile: top(byFile, limit),
    byFunction: top(byFunction, limit),
    ownInclusive: top(ownInclusive, limit),
  };
}

/** Writes the profile for Chromium DevTools (Performance panel → Load profile). */
export function saveProfile(dir: string, name: string, profile: CpuProfile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

/**
 * Says on stderr where the profiled run spent its main-thread time and, given a folder,
 * keeps the whole profile there.
 */
export function explainProfile(name: string, profile: CpuProfile, dir: string | undefined): void {
  const summary = summarizeProfile(profile);
  note(`${name}: profile, busy ${summary.totalMs} ms; self time by file`, { top: summary.byFile });
  note(`${name}: self time by function`, { top: summary.byFunction });
  note(`${name}: our code, callees included`, { top: summary.ownInclusive });
  if (dir) note(`${name}: profile saved`, { path: saveProfile(dir, name, profile) });
}

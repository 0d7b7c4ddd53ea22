// The package in a browser: vite (the web app's bundler) builds the import/export path,
// and real headless Chromium runs it in a module Web Worker on a fixture. This is what
// proves exceljs resolves to its browser build and that src/ uses no Node API.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";
import { classListXlsx } from "./fixture-files";
import { runImport, type WorkerSummary } from "./browser/worker-entry";

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ORIGIN = "http://spreadsheet.test";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function bundle(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "spreadsheet-browser-"));
  cleanups.push(() => rm(outDir, { recursive: true, force: true }));
  await build({
    configFile: false,
    logLevel: "silent",
    root: new URL(".", import.meta.url).pathname,
    build: {
      lib: { entry: new URL("./browser/worker-entry.ts", import.meta.url).pathname, formats: ["es"], fileName: "bundle" },
      outDir,
      emptyOutDir: true,
      minify: false,
      target: "es2022",
    },
  });
  return readFile(join(outDir, "bundle.js"), "utf8");
}

// This file is type-checked with Node's types; these are the browser's, as used below.
interface BrowserWorker {
  onmessage: ((event: { data: { ok?: WorkerSummary; error?: string } }) => void) | null;
  onerror: ((event: { message: string }) => void) | null;
  postMessage(message: unknown): void;
}
type WorkerConstructor = new (url: string, options: { type: "module" }) => BrowserWorker;

const WORKER = `
import { runImport } from "./bundle.js";
onmessage = async (event) => {
  try { postMessage({ ok: await runImport(new Uint8Array(event.data.bytes), event.data.fileName) }); }
  catch (error) { postMessage({ error: String(error && error.stack || error) }); }
};`;

describe("in a browser Web Worker", () => {
  it("reads, plans, exports and re-imports a school list exactly as Node does", async () => {
    const code = await bundle();
    expect(code).not.toMatch(/from\s+["']node:|require\(["'](fs|path|stream|crypto)["']\)/);
    const fixture = await classListXlsx();
    const inNode = await runImport(fixture.bytes, fixture.fileName);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox"] });
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === "/bundle.js") return route.fulfill({ body: code, contentType: "text/javascript" });
      if (path === "/worker.js") return route.fulfill({ body: WORKER, contentType: "text/javascript" });
      return route.fulfill({ body: "<!doctype html><title>worker</title>", contentType: "text/html" });
    });
    await page.goto(`${ORIGIN}/`);
    const reply = await page.evaluate(
      ({ bytes, fileName }) =>
        new Promise<{ ok?: WorkerSummary; error?: string }>((resolve) => {
          const Worker = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
          const worker = new Worker("/worker.js", { type: "module" });
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => resolve({ error: event.message || "worker failed to start" });
          worker.postMessage({ bytes, fileName });
        }),
      { bytes: [...fixture.bytes], fileName: fixture.fileName },
    );
    expect(reply.error).toBeUndefined();
    expect(reply.ok).toEqual(inNode);
    expect(inNode.added).toHaveLength(8);
    expect(inNode.reimportedUnchanged).toBe(8);
  }, 180_000);
});

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

// Bundled (build.mjs), every worker entry is `<name>.js` beside main.js and cli.js. Run from
// source (vitest, tsx) it is TypeScript, loaded through tsx's `tsImport` (execArgv
// `--import tsx` does not reach worker threads on Node 20).
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * Starts the worker thread of the entry `name` (a file of `src/`, e.g.
 * `imports/spreadsheet-reader-worker`), from the bundle or from source.
 */
export function startWorker(name: string, options: WorkerOptions): Worker {
  if (!FROM_SOURCE) return new Worker(new URL(`./${name.split("/").at(-1) ?? name}.js`, import.meta.url), options);
  // The ESM build of tsx's API (its `import` export; require.resolve would give the CJS one).
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const source = new URL(`../${name}.ts`, import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}

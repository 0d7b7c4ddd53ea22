// Bundles the server and the CLI into dist/ with esbuild: workspace packages (TypeScript
// source) are bundled in, npm dependencies stay external and load from node_modules.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(pkg.dependencies ?? {});
// `node build.mjs [OUTDIR]`: the integration tests build their own copy beside dist/ so
// they always run the current source and never race a `pnpm build`.
const outdir = process.argv[2] ?? "dist";

await build({
  // The spreadsheet reader runs in worker threads; its entry sits beside main.js and cli.js.
  entryPoints: {
    main: "src/main.ts",
    cli: "src/cli.ts",
    "spreadsheet-reader-worker": "src/imports/spreadsheet-reader-worker.ts",
    "yjs-worker": "src/workers/yjs-worker.ts",
  },
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  external,
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});

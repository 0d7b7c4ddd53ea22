import { execFile, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A bundle of `src/main.ts` and `src/cli.ts`, as `dist/` holds them. */
export interface Bundle {
  main: string;
  cli: string;
  remove(): void;
}

/**
 * Bundles the current source with the server's own `build.mjs` into a folder of
 * `test-artifacts/` (beside `node_modules`, so the external dependencies resolve), so a
 * test never runs a stale `dist/` nor races a `pnpm build` writing it.
 */
export async function buildBundle(name: string): Promise<Bundle> {
  const outdir = join("test-artifacts", `${name}-${process.pid}`);
  await run(process.execPath, ["build.mjs", outdir], { cwd: SERVER_DIR });
  const dir = join(SERVER_DIR, outdir);
  return { main: join(dir, "main.js"), cli: join(dir, "cli.js"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The server running as its own process (`node main.js`). */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  syncUrl: string;
  /** Every JSON log line it wrote to stdout. */
  logs: Record<string, unknown>[];
  /** Resolves when the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node <main> ` with only the given environment (PORT=0 unless it names a port) and
 * resolves once its `server.listening` log line names the port.
 */
export function spawnServer(main: string, env: Record<string, string>, timeoutMs = 15_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main], { env: { LOG_LEVEL: "info", PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  return new Promise((resolvePort, reject) => {
    let listening = false;
    const timer = setTimeout(() => fail(`no server.listening after ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      if (listening) return;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${why}\nstderr: ${stderr.join("")}`));
    };
    void exited.then(({ code, signal }) => fail(`server exited (${code ?? signal}) before listening`));
    createInterface({ input: child.stdout }).on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (!listening && entry.event === "server.listening" && typeof entry.port === "number") {
        listening = true;
        clearTimeout(timer);
        const url = `http://127.0.0.1:${entry.port}`;
        resolvePort({ child, port: entry.port, url, syncUrl: `ws://127.0.0.1:${entry.port}/sync`, logs, exited });
      }
    });
  });
}

/** Runs the operator CLI (`node cli.js …`) over DATA_DIR and returns what it printed. */
export async function runCli(cli: string, dataDir: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { DATA_DIR: dataDir, LOG_LEVEL: "silent" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** Kills (SIGKILL) every process of the list still running, and waits until each has exited. */
export async function killAll(processes: readonly ServerProcess[]): Promise<void> {
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill("SIGKILL");
      await p.exited;
    }
  }
}

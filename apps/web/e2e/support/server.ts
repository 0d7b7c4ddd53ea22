import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { childEnv } from "./env";
import { SERVER_CLI, SERVER_MAIN, WEB_DIST } from "./paths";

const run = promisify(execFile);

/** The real roster server, started as a child process on a free port with its own data. */
export interface TestServer {
  readonly port: number;
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a pulled plug: no socket is closed by the server itself. */
  kill(): Promise<void>;
}

/** Throws with a clear message when the server or the web build is missing. */
export function assertBuilt(): void {
  if (!existsSync(SERVER_MAIN)) throw new Error(`server not built: ${SERVER_MAIN} (run pnpm --filter @roster/server build)`);
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error(`web app not built: ${WEB_DIST} (run vite build)`);
}

/** A fresh data folder for one test file. */
export function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "roster-web-e2e-"));
}

/** Runs the operator CLI (`node apps/server/dist/cli.js …`) against `dataDir`. */
export async function cli(dataDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [SERVER_CLI, ...args], {
    env: childEnv({ DATA_DIR: dataDir, LOG_LEVEL: "error" }),
    timeout: 60_000,
  });
  return stdout;
}

/** Starts `node apps/server/dist/main.js` with PORT=0 and waits for its `server.listening` line. */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<TestServer> {
  assertBuilt();
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: childEnv({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, WEB_DIST, LOG_LEVEL: "info", ...extraEnv }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.join("")}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr.join("")}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === "server.listening" && typeof event.port === "number") {
          clearTimeout(timer);
          resolve(event.port);
        }
      } catch {
        // not a JSON log line
      }
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** Removes a data folder made by `makeDataDir`. */
export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { tempDir, type TempDir } from "./temp-dir";

/**
 * A redis-server of the test's own on a free port, which the test may kill and start again
 * (the shared Redis is never restarted). Nothing is persisted: a restart comes back empty.
 */
export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL) and waits until it exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Kills it and removes its directory. */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function run(port: number, dir: TempDir): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.path], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await exited;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = tempDir("roster-redis-");
  let child = await run(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => stop(child),
    async restart() {
      await stop(child);
      child = await run(port, dir);
    },
    async close() {
      await stop(child);
      dir.remove();
    },
  };
}

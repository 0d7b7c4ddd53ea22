import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { withTimeout } from "./wait";

// Servers under test run in their own process, so the server gets a core of its own
// instead of sharing one event loop with the 150 clients that load it. Parent and child
// talk over Node's IPC channel with structured clone ("advanced"), so Yjs updates travel
// as Uint8Array.

type Handler = (payload: unknown) => unknown;
/** A cold start of a 5,000-child roster on a loaded machine takes seconds, never minutes. */
const READY_TIMEOUT_MS = 180_000;
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type ChildMessage = { kind: "ready"; value: unknown } | ({ kind: "reply" } & Reply);

/** A forked benchmark process: a server under test, or one cold start. */
export interface BenchChild {
  /** What the child announced once ready (e.g. its port). */
  ready: Promise<unknown>;
  /** Calls a handler of the child and resolves with its result. */
  request(type: string, payload?: unknown, timeoutMs?: number): Promise<unknown>;
  /** Asks the child to stop (handler `stop`), then kills it if it has not exited in time. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Forks `file` (TypeScript, through tsx) with `args`. Its stdout and stderr both go to our
 * stderr: the benchmark's own stdout carries only its JSON line.
 */
export function forkBenchChild(
  file: URL,
  args: readonly string[],
  options: { exposeGc?: boolean; cpuProfDir?: string; maxOldSpaceMb?: number } = {},
): BenchChild {
  const execArgv = [
    "--import",
    import.meta.resolve("tsx"),
    ...(options.exposeGc ? ["--expose-gc"] : []),
    ...(options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : []),
    ...(options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : []),
  ];
  const child = fork(fileURLToPath(file), [...args], { execArgv, stdio: ["ignore", 2, 2, "ipc"], serialization: "advanced" });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<unknown>((resolve, reject) => {
    child.on("message", (raw) => {
      const message = raw as ChildMessage;
      if (message.kind === "ready") resolve(message.value);
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(message.error));
      }
    });
    child.once("exit", (code, signal) => {
      const error = new Error(`bench child ${file.pathname} exited (code ${code}, signal ${signal})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  ready.catch(() => undefined); // observed through `ready` or `request`
  const readyInTime = withTimeout(ready, READY_TIMEOUT_MS, `${file.pathname} to start`);

  const request = (type: string, payload?: unknown, timeoutMs = 60_000): Promise<unknown> => {
    const id = nextId++;
    const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
    child.send({ id, type, payload });
    return withTimeout(answer, timeoutMs, `${type} from ${file.pathname}`);
  };

  const stop = async (timeoutMs = 30_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      await request("stop", undefined, timeoutMs);
      await withTimeout(exited, 5_000, "the bench child to exit");
    } catch {
      child.kill("SIGKILL");
      await exited;
    }
  };

  return { ready: readyInTime, request, stop };
}

/**
 * The child side: announces `readyValue`, then answers requests with `handlers`. A
 * `stop` handler runs last; the process then disconnects and exits.
 */
export function serveParent(readyValue: unknown, handlers: Record<string, Handler>): void {
  const send = (message: ChildMessage, then?: () => void) => process.send?.(message, undefined, undefined, then);
  process.on("message", (raw) => {
    const { id, type, payload } = raw as { id: number; type: string; payload: unknown };
    const handler = handlers[type] ?? (type === "stop" ? () => undefined : undefined);
    // After `stop` has cleaned up, exit once the reply is out: a stray timer of a library
    // must not keep a finished benchmark process alive.
    const after = type === "stop" ? () => process.exit(0) : undefined;
    if (!handler) {
      send({ kind: "reply", id, ok: false, error: `no handler ${type}` }, after);
      return;
    }
    Promise.resolve()
      .then(() => handler(payload))
      .then(
        (value) => send({ kind: "reply", id, ok: true, value }, after),
        (error: unknown) =>
          send({ kind: "reply", id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, after),
      );
  });
  send({ kind: "ready", value: readyValue });
}

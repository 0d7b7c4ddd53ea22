import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, acquireDataDirLock } from "./data-dir-lock";

const MODULE = join(dirname(fileURLToPath(import.meta.url)), "data-dir-lock.ts");
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roster-lock-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Another process (this module run by tsx) that takes the lock and keeps it until killed. */
async function holderProcess(dataDir: string): Promise<ChildProcess> {
  const script = `import(${JSON.stringify(MODULE)}).then((m) => { m.acquireDataDirLock(${JSON.stringify(dataDir)}, "server"); console.log("held"); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => line === "held" && resolve());
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("DATA_DIR lock", () => {
  it("is held by one holder at a time and free again once released", () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir, "server");
    const refusal = (() => {
      try {
        acquireDataDirLock(dir, "server");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as DataDirLockedError).holder).toEqual({ kind: "server", pid: process.pid });
    expect((refusal as Error).message).toMatch(/in use by another server \(pid \d+\)/);
    first.release();
    first.release(); // idempotent
    expect(existsSync(join(dir, "server.pid"))).toBe(false);
    acquireDataDirLock(dir, "cli").release();
  });

  it("refuses while another live process holds it, and is free the moment that process is killed", { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const holder = await holderProcess(dir);
    expect(() => acquireDataDirLock(dir, "cli")).toThrow(DataDirLockedError);
    await killed(holder);
    // No wait, no clean-up: the kernel dropped the lock with the process; its files remain.
    expect(existsSync(join(dir, "server.pid"))).toBe(true);
    const lock = acquireDataDirLock(dir, "server");
    expect(readFileSync(join(dir, "server.pid"), "utf8")).toBe(`server ${process.pid}\n`);
    lock.release();
  });

  it("never decides from a pid file: one naming a live unrelated process does not block", () => {
    const dir = tempDir();
    // This very process is alive; so is pid 1. Neither holds the lock.
    writeFileSync(join(dir, "server.pid"), `${process.ppid}\n`);
    acquireDataDirLock(dir, "server").release();
    writeFileSync(join(dir, "server.pid"), "server 1\n");
    acquireDataDirLock(dir, "server").release();
  });

  it("keeps its files private to the server's user", () => {
    const dir = join(tempDir(), "data");
    const lock = acquireDataDirLock(dir, "server");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "server.lock")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "server.pid")).mode & 0o777).toBe(0o600);
    lock.release();
  });

  it("names the CLI when the CLI holds it", () => {
    const dir = tempDir();
    const cli = acquireDataDirLock(dir, "cli");
    expect(() => acquireDataDirLock(dir, "server")).toThrow(/lệnh quản trị đang ghi \(pid \d+\)/);
    cli.release();
  });
});

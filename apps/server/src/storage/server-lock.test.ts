import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { claimServerLock, runningServerPid } from "./server-lock";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roster-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("server lock", () => {
  it("names a live other process, and only while it lives", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    writeFileSync(join(dir, "server.pid"), `${child.pid}\n`);
    expect(runningServerPid(dir)).toBe(child.pid);
    expect(() => claimServerLock(dir)).toThrow(/pid/);
    await new Promise<void>((resolve) => {
      child.on("exit", () => resolve());
      child.kill("SIGKILL");
    });
    // A server killed with SIGKILL leaves the file behind: a dead pid is no server.
    expect(runningServerPid(dir)).toBeUndefined();
    const release = claimServerLock(dir);
    expect(readFileSync(join(dir, "server.pid"), "utf8").trim()).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, "server.pid"))).toBe(false);
  });

  it("does not count this process or garbage as another server", () => {
    const dir = tempDir();
    expect(runningServerPid(dir)).toBeUndefined();
    writeFileSync(join(dir, "server.pid"), "not a pid");
    expect(runningServerPid(dir)).toBeUndefined();
    const release = claimServerLock(dir);
    expect(runningServerPid(dir)).toBeUndefined();
    release();
  });
});

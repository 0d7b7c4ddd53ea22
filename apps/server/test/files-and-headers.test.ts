// The data folder is private to the server's user whatever the umask, and the built app
// is served with a content security policy, unframeable, and without caching a missing
// asset as the page.
import { execFile } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./helpers/http";
import { startTestServer, type TestServer } from "./helpers/test-server";
import { PASSWORD, USERS, createAccounts } from "./helpers/world";

const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../../web/dist");
const mode = (path: string) => statSync(path).mode & 0o777;
const DATA_FILES = ["roster.db", "roster.db-wal", "roster.db-shm", "token-secret", "server.pid", "server.lock"];

let server: TestServer;
let umask: number;

beforeAll(async () => {
  // The built app, as `pnpm start` serves it.
  if (!existsSync(join(WEB_DIST, "index.html"))) {
    await promisify(execFile)("pnpm", ["--filter", "@roster/web", "build"], { cwd: resolve(WEB_DIST, "../../..") });
  }
  // The most careless umask: anything not made private explicitly would be world-writable.
  umask = process.umask(0);
  server = await startTestServer({ WEB_DIST });
  await createAccounts(server.running.store);
}, 240_000);
afterAll(async () => {
  await server?.dispose();
  process.umask(umask);
});

describe("data files", () => {
  it("are 0600 in a 0700 folder under umask 000, and tightened again on start when loosened", async () => {
    // The legitimate path: the server works and has written through its files.
    expect((await api(server.url, "/api/login", { method: "POST", body: { username: USERS.school.username, password: PASSWORD } })).status).toBe(200);
    expect(mode(server.dataDir)).toBe(0o700);
    for (const file of DATA_FILES) expect([file, mode(join(server.dataDir, file))]).toEqual([file, 0o600]);

    await server.stop();
    chmodSync(server.dataDir, 0o755);
    for (const file of ["roster.db", "token-secret"]) chmodSync(join(server.dataDir, file), 0o644);
    server = await startTestServer({ WEB_DIST }, server.dataDir);
    expect(mode(server.dataDir)).toBe(0o700);
    for (const file of ["roster.db", "token-secret", "roster.db-wal"]) expect([file, mode(join(server.dataDir, file))]).toEqual([file, 0o600]);
  });
});

describe("the app's headers", () => {
  it("serves the page with a CSP allowing only its own scripts, unframeable, revalidated", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    // The policy does not break the page: every script of index.html is a file of ours.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/[^"]+"/);
      expect(body!.trim()).toBe("");
    }
    // A deep link gets the same page and headers.
    const deep = await fetch(`${server.url}/r/ngoc-ha-5/import`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get("content-security-policy")).toBe(csp);
  });

  it("caches a real asset for a year, and answers a missing one 404 (never the page)", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    expect(existsSync(join(WEB_DIST, asset))).toBe(true);
    const real = await fetch(server.url + asset);
    expect(real.status).toBe(200);
    expect(real.headers.get("cache-control")).toContain("immutable");
    await real.arrayBuffer();

    const missing = await fetch(`${server.url}/assets/index-gone1234.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control") ?? "").not.toContain("immutable");
    expect(await missing.text()).not.toContain("<!doctype html>");
    expect(readFileSync(join(WEB_DIST, "index.html"), "utf8")).toContain("<!doctype html>");
  });
});

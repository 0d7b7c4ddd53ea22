// Login against hostile clients: guesses sent in parallel are counted before the password
// is checked, an unknown username takes as long as a real one, and X-Forwarded-For is
// believed only from a configured proxy.
import { describe, expect, it } from "vitest";
import { addUser } from "../src/accounts/accounts";
import type { Logger } from "../src/observability/logger";
import { startTestServer, type TestServer } from "./helpers/test-server";
import { COMMUNE_A, PASSWORD, USERS, createAccounts } from "./helpers/world";

/** The server's log events, kept: each `login.failed` is one password checked and found wrong. */
function recordingLogger(events: string[]): Logger {
  const logger: Logger = {
    debug: (event) => void events.push(event),
    info: (event) => void events.push(event),
    warn: (event) => void events.push(event),
    error: (event) => void events.push(event),
    child: () => logger,
  };
  return logger;
}

async function serverWith(env: Record<string, string>, events: string[] = []): Promise<TestServer> {
  const server = await startTestServer(env, undefined, { logger: recordingLogger(events) });
  await createAccounts(server.running.store);
  return server;
}

const login = (server: TestServer, username: string, password: string, forwardedFor?: string) =>
  fetch(`${server.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: JSON.stringify({ username, password }),
  }).then((response) => response.status);

describe("login under attack", () => {
  it("lets at most 10 of 40 parallel wrong passwords reach the password check", async () => {
    const events: string[] = [];
    const server = await serverWith({ TRUSTED_PROXIES: "127.0.0.1,::1" }, events);
    try {
      expect(await login(server, USERS.police.username, PASSWORD, "198.51.100.20")).toBe(200);
      const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(server, USERS.police.username, `sai-${i}`, "203.0.113.9")));
      // Every password the server compared and found wrong is logged once.
      expect(events.filter((e) => e === "login.failed")).toHaveLength(10);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30);
      expect(await login(server, USERS.police.username, PASSWORD, "203.0.113.9")).toBe(429);
      expect(await login(server, USERS.police.username, PASSWORD, "198.51.100.20")).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it("ignores X-Forwarded-For from a client that is not a configured proxy", async () => {
    const server = await serverWith({});
    try {
      expect(await login(server, USERS.police.username, PASSWORD, "198.51.100.20")).toBe(200);
      for (let i = 0; i < 10; i++) expect(await login(server, USERS.police.username, `sai-${i}`, `203.0.113.${i}`)).toBe(401);
      // A new address in the header would have been a fresh start had it been believed.
      expect(await login(server, USERS.police.username, PASSWORD, "192.0.2.77")).toBe(429);
    } finally {
      await server.dispose();
    }
  });

  it("answers an unknown username in about the time of a real one (within 2×)", { timeout: 120_000 }, async () => {
    const server = await serverWith({});
    try {
      // An account hashed at the real cost (the world's accounts use a cheap test cost).
      await addUser(server.running.store, { username: "cong-an-that", role: "police", commune: COMMUNE_A.code, password: PASSWORD });
      expect(await login(server, "cong-an-that", PASSWORD)).toBe(200);
      const timed = async (username: string) => {
        const started = performance.now();
        expect(await login(server, username, "sai-mat-khau")).toBe(401);
        return performance.now() - started;
      };
      const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
      const real: number[] = [];
      const unknown: number[] = [];
      // Interleaved, so a burst of load elsewhere on the machine hits both alike.
      for (let i = 0; i < 5; i++) {
        real.push(await timed("cong-an-that"));
        unknown.push(await timed(`khong-co-ai-${i}`));
      }
      const ratio = median(unknown) / median(real);
      expect(ratio, `real ${median(real).toFixed(0)} ms, unknown ${median(unknown).toFixed(0)} ms`).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    } finally {
      await server.dispose();
    }
  });
});

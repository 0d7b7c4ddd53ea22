import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccounts, PASSWORD, USERS } from "./helpers/world";
import { startTestServer, type TestServer } from "./helpers/test-server";

// Behind a trusted proxy (the test itself, on loopback) the client address comes from
// X-Forwarded-For, which lets this test play two different clients from one machine.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TRUSTED_PROXIES: "127.0.0.1,::1" });
  await createAccounts(server.running.store);
});
afterAll(() => server.dispose());

const login = (from: string, password: string) =>
  fetch(`${server.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from },
    body: JSON.stringify({ username: USERS.police.username, password }),
  });

describe("failed-login lockout", () => {
  it("locks out the guessing address only, never the officer at the station", async () => {
    for (let i = 0; i < 10; i++) expect((await login("203.0.113.9", `sai-${i}`)).status).toBe(401);
    expect((await login("203.0.113.9", PASSWORD)).status).toBe(429);
    expect((await login("198.51.100.20", PASSWORD)).status).toBe(200);
  });
});

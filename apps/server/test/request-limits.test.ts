// Oversized request bodies against the real server: refused with 413 before they are read.
import { ErrorBodySchema } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { api } from "./helpers/http";
import { useSharedServer } from "./helpers/shared-server";
import { PASSWORD, USERS } from "./helpers/world";

const shared = useSharedServer();
const FIFTY_MB = 50 * 1024 * 1024;

/** A JSON-looking body of `bytes` bytes: a login whose password field is padding. */
function hugeLogin(bytes: number): Uint8Array {
  const head = new TextEncoder().encode(`{"username":"${USERS.school.username}","password":"`);
  const body = new Uint8Array(bytes).fill(0x61);
  body.set(head);
  body.set(new TextEncoder().encode(`"}`), bytes - 2);
  return body;
}

describe("request body limits", () => {
  it("logs in with an ordinary body, and answers a 50 MB login with 413 at once", async () => {
    expect((await api(shared.server.url, "/api/login", { method: "POST", body: { username: USERS.school.username, password: PASSWORD } })).status).toBe(200);
    const started = performance.now();
    const response = await fetch(`${shared.server.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: hugeLogin(FIFTY_MB) });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(413);
    expect(ErrorBodySchema.parse(await response.json()).error).toMatchObject({ code: "too_large", message: expect.stringMatching(/^Dữ liệu gửi lên quá lớn.*64 kB/) });
    expect(elapsed).toBeLessThan(3000);
  });

  it("cuts off a 50 MB chunked body (no declared length) once it passes the limit", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= FIFTY_MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${shared.server.url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    await response.arrayBuffer();
    // The server stopped reading long before the end (the client may have buffered a few MB more).
    expect(sent).toBeLessThan(FIFTY_MB / 2);
  });

  it("keeps the import form's own, larger limit", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(12 * 1024 * 1024)]), "big.csv");
    const answer = await fetch(`${shared.server.url}/api/rosters/ngoc-ha-1/import?preview=1`, { method: "POST", headers: { authorization: `Bearer ${shared.sessions.school.token}` }, body: form });
    expect(answer.status).toBe(413);
    expect(ErrorBodySchema.parse(await answer.json()).error.message).toMatch(/10 MB/);
  });
});

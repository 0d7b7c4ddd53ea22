import { describe, expect, it } from "vitest";
import { LoginResponseSchema, RosterListItemSchema } from "@roster/schema";
import { apiRequest } from "./api-client";
import { ApiError } from "./api-error";

interface Seen {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: unknown, seen: Seen[] = []): typeof fetch {
  return (async (url: string, init?: RequestInit) => {
    seen.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
}

describe("apiRequest", () => {
  it("sends the token and JSON body, and parses the answer", async () => {
    const seen: Seen[] = [];
    const answer = {
      token: "t0k",
      user: { id: "u1", username: "truongthon", role: "hamlet", commune: "26734" },
      expiresAt: "2026-06-30T00:00:00.000Z",
    };
    const result = await apiRequest(
      "/api/login",
      { method: "POST", body: { username: "truongthon", password: "x" }, schema: LoginResponseSchema, token: "old" },
      fakeFetch(200, answer, seen),
    );
    expect(result.user.role).toBe("hamlet");
    const headers = seen[0]?.init?.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer old");
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({ username: "truongthon", password: "x" });
  });

  it("turns the server's error body into an ApiError with its code", async () => {
    const call = apiRequest(
      "/api/rosters/x/children/c/verify",
      { method: "POST", schema: RosterListItemSchema },
      fakeFetch(409, { error: { code: "fingerprint_mismatch", message: "stale" } }),
    );
    await expect(call).rejects.toMatchObject({ status: 409, code: "fingerprint_mismatch" });
  });

  it("reports a network failure as status 0", async () => {
    const failing = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    const error = await apiRequest("/api/rosters", { schema: RosterListItemSchema.array() }, failing).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetwork).toBe(true);
  });

  it("refuses an answer that does not match the schema", async () => {
    const call = apiRequest("/api/rosters", { schema: RosterListItemSchema.array() }, fakeFetch(200, [{ id: 1 }]));
    await expect(call).rejects.toMatchObject({ code: "bad_response" });
  });
});

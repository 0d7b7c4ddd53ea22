import type { MiddlewareHandler } from "hono";
import { OwnerUnavailableError } from "../errors";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";

/** Set on a request one instance forwards to another: the receiver serves it, never forwards again. */
export const FORWARDED_BY = "x-roster-forwarded-by";

/** What a forwarded request carries of the client's: who it is and what it sends. */
const PASSED_HEADERS = ["authorization", "cookie", "content-type", "accept", "accept-language", "user-agent"] as const;
/** Hop-by-hop headers, never relayed back (RFC 9110 §7.6.1), and lengths the runtime sets itself. */
const DROPPED_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);
/** An import of the largest file takes seconds; nothing a roster's owner does takes longer. */
const FORWARD_TIMEOUT_MS = 120_000;

/**
 * Scaled mode: the API requests of one roster (`/api/rosters/:id/…`) are served by the
 * instance that owns it (it holds the built document, derives the marks and writes the
 * audit), whichever instance the reverse proxy sent them to. This one checks who asks and
 * whether they may see the roster, then passes the request to the owner and its answer back,
 * byte for byte. A roster nobody owns is served here (loading it claims it). An owner that
 * does not answer is a 503 with a retryable code: nothing was done, nothing is lost.
 */
export function forwardToOwner(deps: Pick<AppDeps, "hub" | "store" | "logger">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cluster = deps.hub.cluster;
    const id = c.req.param("id");
    if (!cluster || id === undefined || c.req.header(FORWARDED_BY) !== undefined) return next();
    await rosterFor(c.get("user"), id, deps.store); // 404 / 403 here, before any other instance is asked
    const owner = await cluster.ownerElsewhere(id).catch(() => undefined);
    if (!owner) return next();
    if (!owner.url) throw new OwnerUnavailableError();
    const headers = new Headers({ [FORWARDED_BY]: cluster.stats().instance });
    for (const name of PASSED_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers.set(name, value);
    }
    const method = c.req.method;
    // Bodies are bounded by `limitBodies` before this runs (64 kB, or an upload's limit).
    const body = method === "GET" || method === "HEAD" ? undefined : await c.req.arrayBuffer();
    const target = new URL(c.req.path + new URL(c.req.url).search, owner.url);
    let answer: Response;
    try {
      answer = await fetch(target, { method, headers, ...(body ? { body } : {}), redirect: "manual", signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    } catch (error) {
      deps.logger.warn("forward.failed", { rosterId: id, owner: owner.instance, error: error instanceof Error ? error.message : String(error) });
      throw new OwnerUnavailableError();
    }
    const relayed = new Headers();
    answer.headers.forEach((value, name) => {
      if (!DROPPED_RESPONSE_HEADERS.has(name)) relayed.set(name, value);
    });
    return new Response(answer.body, { status: answer.status, headers: relayed });
  };
}

import type { MiddlewareHandler } from "hono";

/**
 * The app's content security policy. Scripts only from the server itself (the built
 * index.html has no inline script; the service worker and the spreadsheet worker are
 * files of the same origin); no plugin, no foreign frame, no being framed. Inline
 * styles stay allowed: the printable lists are self-contained pages with a `<style>`
 * shown in `srcdoc` frames (which inherit this policy), and a style cannot run code.
 * `connect-src 'self'` covers the same-origin ws:/wss: sync socket (CSP 3).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Headers every answer carries (API and app alike). A route that sets its own, stricter
 * policy (the printable list: no script at all, framed by the app) keeps it, and its
 * `frame-ancestors` decides framing.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("content-security-policy")) {
      c.header("content-security-policy", CONTENT_SECURITY_POLICY);
      // frame-ancestors for current browsers, X-Frame-Options for older ones.
      c.header("x-frame-options", "DENY");
    }
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
  };
}

import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { MAX_IMPORT_BYTES } from "../imports/read-import-file";

/** JSON requests (login, edits, verification) are a few hundred bytes; 64 kB is plenty. */
export const JSON_BODY_BYTES = 64 * 1024;
/** An import's or a reconciliation's multipart form: the file at its limit, plus the
 * mapping and (reconciliation) the decisions of a large roster. */
export const UPLOAD_BODY_BYTES = MAX_IMPORT_BYTES + 1024 * 1024;

const UPLOAD_PATH = /^\/api\/rosters\/[^/]+\/(?:import|reconcile)$/;

const limit = (maxSize: number, message: string): MiddlewareHandler =>
  bodyLimit({ maxSize, onError: (c) => c.json({ error: { code: "too_large", message } }, 413) });
const fileMb = MAX_IMPORT_BYTES / 1024 / 1024;

/**
 * Every API body has a ceiling, checked before the body is read: a declared length over
 * it is answered 413 at once, and a chunked body is cut off as soon as it passes it. So
 * a 200 MB "login" costs the server nothing.
 */
export function limitBodies(): MiddlewareHandler {
  const json = limit(JSON_BODY_BYTES, `Dữ liệu gửi lên quá lớn (tối đa ${JSON_BODY_BYTES / 1024} kB) / Request body too large (at most ${JSON_BODY_BYTES / 1024} kB)`);
  const upload = limit(UPLOAD_BODY_BYTES, `Tệp quá lớn (tối đa ${fileMb} MB) / File too large (at most ${fileMb} MB)`);
  return (c, next) => (UPLOAD_PATH.test(c.req.path) ? upload(c, next) : json(c, next));
}

import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { MAX_IMPORT_BYTES } from "../imports/read-import-file";

/** JSON requests (login, edits, verification) are a few hundred bytes; 64 kB is plenty. */
export const JSON_BODY_BYTES = 64 * 1024;
/** An import's multipart form: the file at its limit plus the envelope and the mapping field. */
export const IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

const IMPORT_PATH = /^\/api\/rosters\/[^/]+\/import$/;

const limit = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: (c) => {
      const kb = Math.round(maxSize / 1024);
      const size = kb >= 1024 ? `${Math.round(kb / 1024)} MB` : `${kb} kB`;
      return c.json({ error: { code: "too_large", message: `Dữ liệu gửi lên quá lớn (tối đa ${size}) / Request body too large (at most ${size})` } }, 413);
    },
  });

/**
 * Every API body has a ceiling, checked before the body is read: a declared length over
 * it is answered 413 at once, and a chunked body is cut off as soon as it passes it. So
 * a 200 MB "login" costs the server nothing.
 */
export function limitBodies(): MiddlewareHandler {
  const json = limit(JSON_BODY_BYTES);
  const importForm = limit(IMPORT_BODY_BYTES);
  return (c, next) => (IMPORT_PATH.test(c.req.path) ? importForm(c, next) : json(c, next));
}

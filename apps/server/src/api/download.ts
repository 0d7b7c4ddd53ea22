import type { Context } from "hono";
import { foldName } from "@roster/rules";

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
} as const;
export type DownloadKind = keyof typeof TYPES;

/**
 * `Content-Disposition` with the Vietnamese name for browsers that read RFC 5987
 * `filename*` (all current ones) and a plain ASCII fallback for the rest: "Danh sách đã
 * làm sạch - Tổ dân phố số 5 - 2026-06-10.xlsx" / "danh-sach-da-lam-sach-to-dan-pho-so-5-2026-06-10.xlsx".
 */
export function contentDisposition(baseName: string, extension: string, disposition: "attachment" | "inline" = "attachment"): string {
  // Characters that are unsafe in file names on Windows, or in the header itself.
  // eslint-disable-next-line no-control-regex
  const readable = baseName.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 150) || "roster";
  const ascii = foldName(readable).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "roster";
  const encoded = encodeURIComponent(`${readable}.${extension}`).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}

/** Answers a file. */
export function download(c: Context, body: Uint8Array | string, kind: DownloadKind, baseName: string): Response {
  c.header("content-type", TYPES[kind]);
  c.header("content-disposition", contentDisposition(baseName, kind, kind === "html" ? "inline" : "attachment"));
  // The printable page is shown from the API's own origin: it may hold its inline styles
  // and nothing else (no script, frame or request), whatever a name in it says.
  if (kind === "html") c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
  return c.body(typeof body === "string" ? body : (body as Uint8Array<ArrayBuffer>));
}

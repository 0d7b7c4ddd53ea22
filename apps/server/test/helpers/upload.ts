import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiAnswer } from "./http";

/** The committed sample lists of the spreadsheet package (synthetic names). */
export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../packages/spreadsheet/fixtures");

export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(SAMPLES_DIR, name)));
}

/** `POST` of a multipart form with `file` (and optional `mapping`), as a browser sends it. */
export async function upload(
  baseUrl: string,
  path: string,
  token: string,
  file: { name: string; bytes: Uint8Array } | undefined,
  fields: Record<string, string> = {},
): Promise<ApiAnswer> {
  const form = new FormData();
  if (file) form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const response = await fetch(baseUrl + path, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** `GET` of a file: status, headers and bytes. */
export async function fetchFile(baseUrl: string, path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array; text: string }> {
  const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
}

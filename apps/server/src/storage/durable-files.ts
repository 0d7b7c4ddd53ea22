import { closeSync, fsyncSync, openSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/** Forces a file's bytes to the disk before it is renamed into place. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Forces a folder's entries (a rename, a new link) to the disk. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A name for a temporary file beside `file` (same folder, so the final rename stays on one
 * file system and is atomic), unique to this process and call.
 */
export function tempNameBeside(file: string, purpose: string): string {
  return join(dirname(file), `.${basename(file)}.${purpose}-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

import { chmodSync, closeSync, mkdirSync, openSync, readdirSync } from "node:fs";
import { join } from "node:path";

// Children's personal data: nobody but the server's own user reads DATA_DIR or its files.
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Creates `dir` if needed and makes it and every file directly in it private (0700 /
 * 0600) whatever the umask, tightening what an older version or a copy left looser.
 * Called before anything is written there.
 */
export function privateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), FILE_MODE);
  }
}

/**
 * Creates `file` empty and private if it does not exist, so a library that opens it
 * afterwards (SQLite, which also gives its -wal and -shm files the database's mode)
 * never creates it with the umask's 0644.
 */
export function privateFile(file: string): void {
  closeSync(openSync(file, "a", FILE_MODE));
  chmodSync(file, FILE_MODE);
}

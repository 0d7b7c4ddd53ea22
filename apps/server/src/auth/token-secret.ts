import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { privateDataDir } from "../storage/private-files";
import { join } from "node:path";
import type { KeyValueStore } from "../storage/store";

/** Where the scaled mode keeps the generated secret (`migrate` copies the embedded one there). */
export const TOKEN_SECRET_KEY = "auth.token-secret";

/** The file of DATA_DIR holding the embedded mode's generated secret. */
export const TOKEN_SECRET_FILE = "token-secret";

const newSecret = () => randomBytes(48).toString("base64url");

function checked(secret: string, where: string): string {
  if (secret.length < 32) throw new Error(`${where} holds a token secret shorter than 32 characters`);
  return secret;
}

/**
 * The embedded mode's token-signing secret: the configured one, else one generated on first
 * start and kept in DATA_DIR (mode 0600) so tokens survive restarts. Never logged, never in the repo.
 */
export function tokenSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  privateDataDir(dataDir);
  const file = join(dataDir, TOKEN_SECRET_FILE);
  try {
    writeFileSync(file, newSecret(), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return checked(readFileSync(file, "utf8").trim(), file);
}

/** The secret DATA_DIR holds, if it holds one (read by `migrate`; creates nothing). */
export function readTokenSecretFile(dataDir: string): string | undefined {
  const file = join(dataDir, TOKEN_SECRET_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return checked(text.trim(), file);
}

/**
 * The scaled mode's secret: the configured one, else one kept in the shared store, so
 * every instance against the same database signs and checks with the same secret (the
 * first instance to start creates it; the others read it).
 */
export async function sharedTokenSecret(store: KeyValueStore, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return checked(await store.setValueIfAbsent(TOKEN_SECRET_KEY, newSecret()), `the store's ${TOKEN_SECRET_KEY}`);
}

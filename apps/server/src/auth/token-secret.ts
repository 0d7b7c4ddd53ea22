import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { privateDataDir } from "../storage/private-files";
import { join } from "node:path";

/**
 * The token-signing secret: the configured one, else one generated on first start and
 * kept in DATA_DIR (mode 0600) so tokens survive restarts. Never logged, never in the repo.
 */
export function tokenSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  privateDataDir(dataDir);
  const file = join(dataDir, "token-secret");
  try {
    writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters`);
  return secret;
}

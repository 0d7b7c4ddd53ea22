import { readEnv } from "./env";
import { RosterError } from "./errors";
import { openStore } from "./storage/open-store";
import { DataDirLockedError, acquireDataDirLock, type DataDirLock } from "./storage/data-dir-lock";
import { parseArgs } from "./cli/args";
import { runCommand, USAGE } from "./cli/commands";
import { StoreConflictError, StoreNotFoundError } from "./storage/errors";

/** `pnpm roster <command>`: the operator CLI (DESIGN.md "Operator CLI"). */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.words.length === 0 || args.flags.has("help")) {
    process.stdout.write(USAGE + "\n");
    return args.words.length === 0 && !args.flags.has("help") ? 2 : 0;
  }
  const env = readEnv();
  // Commands that write roster documents must not run behind a live server's back: its
  // in-memory copy would not see the change and its next compaction could drop it.
  const [noun] = args.words;
  const writesDocs = noun === "seed" || (noun === "import" && !args.flags.has("preview"));
  // They hold the DATA_DIR lock while they write, so a server cannot start meanwhile either.
  let lock: DataDirLock | undefined;
  if (writesDocs) {
    try {
      lock = await lockForWriting(env.DATA_DIR);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      process.stderr.write(lockedMessage(error));
      return 1;
    }
  }
  const store = await openStore(env);
  try {
    process.stdout.write((await runCommand(store, args)) + "\n");
    return 0;
  } catch (error) {
    if (error instanceof StoreConflictError) {
      process.stderr.write(`Đã tồn tại / Already exists: ${error.entity} ${error.key}\n`);
      return 1;
    }
    if (error instanceof StoreNotFoundError) {
      process.stderr.write(`Không tìm thấy / Not found: ${error.entity} ${error.key}\n`);
      return 1;
    }
    if (error instanceof RosterError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
    lock?.release();
  }
}

/** Another CLI command is waited for (commands queue up); a running server refuses at once. */
const CLI_WAIT_MS = 60_000;

/**
 * The holder file is written just after its writer took the lock, so in that instant it
 * may be missing or name an earlier holder: a holder that is not a CLI is looked at again
 * after a moment before the command is refused.
 */
const HOLDER_SETTLE_MS = 250;

async function lockForWriting(dataDir: string): Promise<DataDirLock> {
  const deadline = Date.now() + CLI_WAIT_MS;
  let settled = false;
  for (;;) {
    try {
      return acquireDataDirLock(dataDir, "cli");
    } catch (error) {
      if (!(error instanceof DataDirLockedError) || Date.now() > deadline) throw error;
      if (error.holder.kind !== "cli") {
        if (settled) throw error;
        settled = true;
        await new Promise((resolve) => setTimeout(resolve, HOLDER_SETTLE_MS));
        continue;
      }
      settled = false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function lockedMessage(error: DataDirLockedError): string {
  const pid = error.holder.pid === undefined ? "" : ` (pid ${error.holder.pid})`;
  if (error.holder.kind === "cli") {
    return `Một lệnh quản trị khác đang ghi vào DATA_DIR này${pid}: hãy chờ nó xong.\nAnother operator command is writing to this DATA_DIR${pid}: wait for it to finish.\n`;
  }
  return (
    `Máy chủ đang chạy trên DATA_DIR này${pid}: hãy nhập qua ứng dụng hoặc POST /api/rosters/:id/import, hoặc dừng máy chủ trước.\n` +
    `The server is running on this DATA_DIR${pid}: import through the app or POST /api/rosters/:id/import, or stop the server first.\n`
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi / Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

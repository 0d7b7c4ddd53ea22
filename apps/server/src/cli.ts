import { readEnv } from "./env";
import { RosterError } from "./errors";
import { openStore } from "./storage/open-store";
import { DataDirLockedError, acquireDataDirLock, type DataDirLock } from "./storage/data-dir-lock";
import { parseArgs } from "./cli/args";
import { runCommand, USAGE } from "./cli/commands";
import { StoreConflictError, StoreNotFoundError } from "./storage/errors";
import { BackupError } from "./storage/backup-errors";
import { backupCommand, restoreCommand } from "./cli/backup-commands";

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
  // `restore` replaces the whole store: the same rule, for the same reason.
  const writesDocs = noun === "seed" || noun === "restore" || (noun === "import" && !args.flags.has("preview"));
  // `backup` and `restore` copy the embedded store's file; they never open it as a store.
  const copiesFile = noun === "backup" || noun === "restore";
  if (copiesFile && env.DATABASE_URL) {
    process.stderr.write(
      "backup/restore dành cho kho nhúng SQLite trong DATA_DIR; với PostgreSQL hãy dùng pg_dump / pg_restore.\n" +
        "backup/restore are for the embedded SQLite store in DATA_DIR; with PostgreSQL use pg_dump / pg_restore.\n",
    );
    return 1;
  }
  // They hold the DATA_DIR lock while they write, so a server cannot start meanwhile either.
  let lock: DataDirLock | undefined;
  if (writesDocs) {
    try {
      lock = await lockForWriting(env.DATA_DIR);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      process.stderr.write(lockedMessage(error, noun === "restore" ? RESTORE_ADVICE : IMPORT_ADVICE));
      return 1;
    }
  }
  if (copiesFile) {
    try {
      const now = () => new Date();
      process.stdout.write((noun === "backup" ? backupCommand(env.DATA_DIR, args) : restoreCommand(env.DATA_DIR, args, now)) + "\n");
      return 0;
    } catch (error) {
      if (error instanceof BackupError || error instanceof RosterError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      lock?.release();
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

/** What to do instead when a server holds DATA_DIR: [Vietnamese, English]. */
const IMPORT_ADVICE = ["hãy nhập qua ứng dụng hoặc POST /api/rosters/:id/import, hoặc dừng máy chủ trước", "import through the app or POST /api/rosters/:id/import, or stop the server first"] as const;
const RESTORE_ADVICE = ["hãy dừng máy chủ trước khi khôi phục (sao lưu thì được làm khi máy chủ đang chạy)", "stop the server before restoring (a backup can be taken while it runs)"] as const;

function lockedMessage(error: DataDirLockedError, [vi, en]: readonly [string, string]): string {
  const pid = error.holder.pid === undefined ? "" : ` (pid ${error.holder.pid})`;
  if (error.holder.kind === "cli") {
    return `Một lệnh quản trị khác đang ghi vào DATA_DIR này${pid}: hãy chờ nó xong.\nAnother operator command is writing to this DATA_DIR${pid}: wait for it to finish.\n`;
  }
  return `Máy chủ đang chạy trên DATA_DIR này${pid}: ${vi}.\nThe server is running on this DATA_DIR${pid}: ${en}.\n`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi / Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

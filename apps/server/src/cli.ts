import { readEnv } from "./env";
import { RosterError } from "./errors";
import { openStore } from "./storage/open-store";
import { DataDirLockedError, acquireDataDirLock } from "./storage/data-dir-lock";
import { DatabaseLockedError, acquireDatabaseLock } from "./storage/postgres-instance-lock";
import { TargetNotEmptyError } from "./storage/postgres-import";
import { NoEmbeddedStoreError } from "./storage/sqlite-export";
import { MigrationCheckError } from "./migration/check-migration";
import { migrateCommand } from "./cli/migrate-command";
import { parseArgs } from "./cli/args";
import { runCommand, USAGE } from "./cli/commands";
import { StoreConflictError, StoreNotFoundError, StoreVersionError } from "./storage/errors";
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
  // On PostgreSQL the database's instance lock plays that part. `migrate` reads DATA_DIR
  // (no server may write it meanwhile) and takes the target's lock itself.
  let lock: { release(): unknown } | undefined;
  if (writesDocs || noun === "migrate") {
    const onDatabase = noun !== "migrate" && env.DATABASE_URL !== undefined;
    const advice = noun === "restore" ? RESTORE_ADVICE : noun === "migrate" ? MIGRATE_ADVICE : IMPORT_ADVICE;
    try {
      lock = onDatabase ? await lockForWriting(() => acquireDatabaseLock(env.DATABASE_URL ?? "", "cli")) : await lockForWriting(async () => acquireDataDirLock(env.DATA_DIR, "cli"));
    } catch (error) {
      if (error instanceof DataDirLockedError || error instanceof DatabaseLockedError) {
        process.stderr.write(lockedMessage(error, advice));
        return 1;
      }
      throw error;
    }
  }
  if (noun === "migrate") {
    try {
      process.stdout.write((await migrateCommand(env.DATA_DIR, args, env.TOKEN_SECRET !== undefined)) + "\n");
      return 0;
    } catch (error) {
      if (error instanceof DatabaseLockedError) {
        process.stderr.write(lockedMessage(error, MIGRATE_TARGET_ADVICE));
        return 1;
      }
      if (error instanceof MigrationCheckError) {
        process.stderr.write(`${error.message}\n${MIGRATE_CHECK_ADVICE}\n`);
        return 1;
      }
      if (error instanceof RosterError || error instanceof TargetNotEmptyError || error instanceof NoEmbeddedStoreError || error instanceof StoreVersionError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await lock?.release();
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
    await lock?.release();
  }
}

/** How long a command waits for another CLI command holding the lock. */
const CLI_WAIT_MS = 60_000;

/**
 * The holder file is written just after its writer took the lock, so in that instant it
 * may be missing or name an earlier holder: a holder that is not a CLI is looked at again
 * after a moment before the command is refused.
 */
const HOLDER_SETTLE_MS = 250;

/** Another CLI command is waited for (commands queue up); a running server refuses at once. */
async function lockForWriting<L>(acquire: () => Promise<L>): Promise<L> {
  const deadline = Date.now() + CLI_WAIT_MS;
  let settled = false;
  for (;;) {
    try {
      return await acquire();
    } catch (error) {
      if (!(error instanceof DataDirLockedError || error instanceof DatabaseLockedError) || Date.now() > deadline) throw error;
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
const MIGRATE_ADVICE = ["hãy dừng máy chủ trước khi chuyển sang PostgreSQL", "stop the server before migrating to PostgreSQL"] as const;
const MIGRATE_TARGET_ADVICE = ["không chuyển vào cơ sở dữ liệu đang được dùng", "never migrate into a database in use"] as const;
const MIGRATE_CHECK_ADVICE =
  "DATA_DIR không bị thay đổi. Hãy xóa và tạo lại cơ sở dữ liệu đích rồi chạy lại, hoặc báo lỗi này.\n" +
  "DATA_DIR is unchanged. Drop and recreate the target database and run again, or report this difference.";
const RESTORE_ADVICE = ["hãy dừng máy chủ trước khi khôi phục (sao lưu thì được làm khi máy chủ đang chạy)", "stop the server before restoring (a backup can be taken while it runs)"] as const;

function lockedMessage(error: DataDirLockedError | DatabaseLockedError, [vi, en]: readonly [string, string]): string {
  const pid = error.holder.pid === undefined ? "" : ` (pid ${error.holder.pid})`;
  const where = error instanceof DatabaseLockedError ? ["cơ sở dữ liệu PostgreSQL này", "this PostgreSQL database"] : ["DATA_DIR này", "this DATA_DIR"];
  if (error.holder.kind === "cli") {
    return `Một lệnh quản trị khác đang ghi vào ${where[0]}${pid}: hãy chờ nó xong.\nAnother operator command is writing to ${where[1]}${pid}: wait for it to finish.\n`;
  }
  return `Máy chủ đang chạy trên ${where[0]}${pid}: ${vi}.\nThe server is running on ${where[1]}${pid}: ${en}.\n`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi / Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

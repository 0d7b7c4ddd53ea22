import { BadRequestError } from "../errors";
import { backupStore } from "../storage/sqlite-backup";
import { restoreStore } from "../storage/sqlite-restore";
import { flag, type ParsedArgs } from "./args";

const number = (n: number) => n.toLocaleString("en-US");

/**
 * `backup --out FILE [--force]`: a consistent copy of the embedded store, taken while the
 * server runs (no DATA_DIR lock; see `backupStore`). Says what the copy holds.
 */
export function backupCommand(dataDir: string, args: ParsedArgs): string {
  const started = performance.now();
  const copy = backupStore(dataDir, flag(args, "out"), { force: args.flags.get("force")?.[0] === "true" });
  const ms = Math.round(performance.now() - started);
  return [
    `Đã sao lưu / Backed up → ${copy.file} (${number(ms)} ms)`,
    `  ${number(copy.documents)} tài liệu / documents, ${number(copy.users)} tài khoản / users, ${number(copy.auditRows)} dòng nhật ký / audit rows, ${number(copy.bytes)} byte / bytes`,
    `  phiên bản lược đồ / schema version ${copy.schemaVersion}, kiểm tra toàn vẹn / integrity check: ok`,
  ].join("\n");
}

/**
 * `restore FILE`: replaces the embedded store of DATA_DIR with a backup (the caller holds
 * the DATA_DIR lock). Says what was restored and where the replaced database is kept.
 */
export function restoreCommand(dataDir: string, args: ParsedArgs, now: () => Date): string {
  const file = args.words[1];
  if (!file) throw new BadRequestError("Thiếu tệp sao lưu cần khôi phục / Missing the backup file to restore", "missing_file");
  const restored = restoreStore(dataDir, file, now());
  const migrated =
    restored.fromVersion === restored.schemaVersion
      ? []
      : [`  đã nâng lược đồ / schema migrated: ${restored.fromVersion} → ${restored.schemaVersion}`];
  const kept = restored.kept
    ? [`  bản cũ giữ tại / the replaced database is kept as ${restored.kept}`]
    : [`  DATA_DIR chưa có cơ sở dữ liệu / DATA_DIR had no database before`];
  return [
    `Đã khôi phục / Restored ${file}`,
    `  ${number(restored.documents)} tài liệu / documents, ${number(restored.users)} tài khoản / users, ${number(restored.auditRows)} dòng nhật ký / audit rows`,
    ...migrated,
    ...kept,
  ].join("\n");
}

import { z } from "zod";
import { BadRequestError } from "../errors";
import { migrateDeployment } from "../migration/migrate-deployment";
import { acquireDatabaseLock } from "../storage/postgres-instance-lock";
import { describeDatabase } from "../storage/postgres-pool";
import { PostgresStore } from "../storage/postgres-store";
import { flag, type ParsedArgs } from "./args";

const number = (n: number) => Math.round(n).toLocaleString("en-US");

const TargetSchema = z
  .string()
  .url()
  .refine((url) => /^postgres(ql)?:$/.test(new URL(url).protocol), "postgres://…");

/**
 * `migrate --to postgres://…`: moves the embedded deployment of DATA_DIR into an empty
 * PostgreSQL database and checks the copy. The caller holds the DATA_DIR lock; this takes
 * the target's instance lock, so no server starts on the target meanwhile (and a server
 * already running there makes it refuse). Says what was copied and what to do next.
 */
export async function migrateCommand(dataDir: string, args: ParsedArgs, tokenSecretConfigured: boolean): Promise<string> {
  const parsed = TargetSchema.safeParse(flag(args, "to"));
  if (!parsed.success) throw new BadRequestError("--to phải là postgres://… / --to must be a postgres://… URL", "bad_flag");
  const url = parsed.data;
  const database = describeDatabase(url);
  const lock = await acquireDatabaseLock(url, "cli");
  try {
    const target = await PostgresStore.open(url, { maxConnections: 2, statementTimeoutMs: 120_000 });
    try {
      const result = await migrateDeployment(dataDir, target, database);
      const c = result.counts;
      const secret = result.tokenSecretCopied
        ? ["  khóa ký token đã chép: token cấp trước vẫn dùng được / token-signing secret copied: tokens issued before stay valid"]
        : tokenSecretConfigured
          ? ["  TOKEN_SECRET được cấu hình: hãy đặt cùng giá trị cho máy chủ mới / TOKEN_SECRET is configured: set the same value for the new server"]
          : ["  DATA_DIR không có khóa ký token: máy chủ mới sẽ tạo khóa mới, mọi người đăng nhập lại / DATA_DIR held no token secret: the new server makes one, everyone logs in again"];
      return [
        `Đã chuyển sang PostgreSQL / Migrated to PostgreSQL ${database} (chép / copy ${number(result.copyMs)} ms, kiểm tra / check ${number(result.checkMs)} ms)`,
        `  ${number(c.communes)} xã / communes, ${number(c.rosters)} danh sách / rosters, ${number(c.users)} tài khoản / users (${number(c.userRosters)} phân công / assignments), ${number(c.sessions)} phiên / sessions, ${number(c.passwordCodes)} mã đặt lại / password codes`,
        `  ${number(c.docs)} tài liệu / documents (${number(c.snapshots)} bản chụp / snapshots, ${number(c.updates)} cập nhật / updates, ${number(result.docBytes)} byte / bytes)`,
        `  ${number(c.audit)} dòng nhật ký / audit rows, ${number(c.securityLog)} sự kiện bảo mật / security events, ${number(c.kv)} giá trị / key-values`,
        "  kiểm tra: mọi bảng đủ số dòng, mọi tài liệu giống từng byte, mọi tài khoản, phiên, nhật ký đọc lại như cũ",
        "  check: every table's row count equal, every document byte-identical, every account, session and log reads back the same",
        ...secret,
        `  Tiếp theo: dừng dùng DATA_DIR này, đặt DATABASE_URL rồi khởi động máy chủ / Next: stop using this DATA_DIR, set DATABASE_URL and start the server`,
      ].join("\n");
    } finally {
      await target.close();
    }
  } finally {
    await lock.release();
  }
}

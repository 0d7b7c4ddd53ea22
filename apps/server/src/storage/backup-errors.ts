/**
 * Named errors of `backup` and `restore` (the embedded store's file copies). Messages are
 * Vietnamese first, then English, as the operator reads them; the CLI prints them as they are.
 */

/** The base of every refusal of a backup or a restore: nothing was changed. */
export class BackupError extends Error {
  override readonly name: string = "BackupError";
}

/** Why a file is not a backup this build can restore. */
export type NotABackupReason = "not_sqlite" | "truncated" | "damaged" | "not_roster" | "newer" | "open_log";

const REASONS: Record<NotABackupReason, [vi: string, en: string]> = {
  not_sqlite: ["không phải tệp cơ sở dữ liệu SQLite", "not an SQLite database file"],
  truncated: ["tệp bị cắt cụt (chép hoặc tải về chưa xong?)", "the file is truncated (an unfinished copy or download?)"],
  damaged: ["tệp bị hỏng (kiểm tra toàn vẹn không đạt)", "the file is damaged (integrity check failed)"],
  not_roster: ["không phải bản sao lưu của máy chủ danh sách", "not a backup of the roster server"],
  newer: ["do một phiên bản máy chủ mới hơn tạo ra", "written by a newer version of the server"],
  // A database file copied or named as it lies in a DATA_DIR: its latest commits are in the log.
  open_log: [
    "bên cạnh có nhật ký ghi trước (-wal) chưa gộp vào tệp; hãy tạo bản sao lưu bằng pnpm roster backup",
    "a write-ahead log (-wal) not yet folded into it lies beside it; make a backup with pnpm roster backup",
  ],
};

export class NotABackupError extends BackupError {
  override readonly name = "NotABackupError";
  constructor(
    readonly file: string,
    readonly reason: NotABackupReason,
    detail = "",
  ) {
    const [vi, en] = REASONS[reason];
    const more = detail ? ` (${detail})` : "";
    super(`Không khôi phục được ${file}: ${vi}${more}. Không có gì bị thay đổi.\nCannot restore ${file}: ${en}${more}. Nothing was changed.`);
  }
}

/** `--out` names a file that exists and `--force` was not given. */
export class BackupExistsError extends BackupError {
  override readonly name = "BackupExistsError";
  constructor(readonly file: string) {
    super(`Tệp đã tồn tại: ${file} (thêm --force để ghi đè)\nThe file already exists: ${file} (add --force to overwrite it)`);
  }
}

/** `--out` names the live database itself or one of its companion files. */
export class BackupOntoStoreError extends BackupError {
  override readonly name = "BackupOntoStoreError";
  constructor(readonly file: string) {
    super(`Không thể sao lưu đè lên chính cơ sở dữ liệu: ${file}\nA backup cannot be written over the database itself: ${file}`);
  }
}

/** The folder `--out` names does not exist. */
export class BackupFolderMissingError extends BackupError {
  override readonly name = "BackupFolderMissingError";
  constructor(readonly folder: string) {
    super(`Thư mục không tồn tại: ${folder}\nThe folder does not exist: ${folder}`);
  }
}

/** DATA_DIR has no embedded store to copy. */
export class NoStoreError extends BackupError {
  override readonly name = "NoStoreError";
  constructor(readonly file: string) {
    super(`Không có cơ sở dữ liệu để sao lưu: ${file}\nThere is no database to back up: ${file}`);
  }
}

/** The file to restore does not exist or cannot be read. */
export class BackupFileMissingError extends BackupError {
  override readonly name = "BackupFileMissingError";
  constructor(readonly file: string) {
    super(`Không đọc được tệp: ${file}\nCannot read the file: ${file}`);
  }
}

import type { FollowUpGap, LocalizedText } from "@roster/schema";

// The words of the server's reports and file names (Vietnamese first, English second).

export const GAP_WORDS: Readonly<Record<FollowUpGap, LocalizedText>> = {
  pid: { vi: "Chưa có số định danh cá nhân hợp lệ", en: "No valid personal ID number" },
  vneidLevel2: { vi: "Chưa có tài khoản định danh điện tử mức 2", en: "No level-2 VNeID account" },
  idCard: { vi: "Chưa làm thủ tục cấp thẻ căn cước", en: "No ID card applied for" },
  healthBook: { vi: "Chưa kích hoạt sổ sức khỏe điện tử", en: "Electronic health book not activated" },
  residence: { vi: "Chưa đăng ký cư trú", en: "Residence not registered" },
};

export const FOLLOW_UP_WORDS = {
  title: "DANH SÁCH TRẺ EM CHƯA HOÀN THÀNH (CẦN VẬN ĐỘNG, HƯỚNG DẪN)",
  asOf: (date: string) => `(Số liệu tính đến ngày ${date})`,
};

/** File names of the downloads (before the roster or commune and the date are appended). */
export const FILE_WORDS = {
  cleaned: "Danh sách đã làm sạch",
  problems: "Danh sách cần bổ sung",
  handover: "Danh sách bàn giao công an",
  followUp: "Danh sách chưa hoàn thành",
  dailyReport: "Báo cáo tiến độ",
};

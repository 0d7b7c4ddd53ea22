// What people type into an ID, card or phone cell to say there is none: "Chưa có",
// "Không có", "chưa cấp", "-", "x". Stored as data, "Chưa có" became the ID "Chưacó".
import { foldName } from "@roster/rules";

// Compared folded (no accents, no case, punctuation as spaces).
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  "chua co", "khong co", "chua cap", "chua", "khong", "ko", "k", "kc", "k co", "ko co", "x", "xx", "chua lam", "dang lam",
  "chua co so", "khong co so", "chua dang ky", "chua dk", "chua cap the", "chua co the", "khong co the", "chua co cccd",
  "chua lam cccd", "chua co dinh danh", "khong nho", "khong biet", "na", "n a", "none", "null", "nil",
]);
// Dashes, dots, slashes and question marks only: "-", "--", "...", "?", "/".
const ONLY_MARKS = /^[\s\-–—_.…/\\?*]+$/u;

/** Whether a cell's text means "none" rather than a number. */
export function isPlaceholderText(text: string): boolean {
  if (text === "") return false;
  if (ONLY_MARKS.test(text)) return true;
  return PLACEHOLDER_WORDS.has(foldName(text).replace(/[^a-z0-9]+/g, " ").trim());
}

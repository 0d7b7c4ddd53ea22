import { dictionary } from "@zxcvbn-ts/language-common";
import { BadRequestError } from "../errors";

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The common-password list: the 49,233 most used passwords that zxcvbn-ts ships in
 * `@zxcvbn-ts/language-common` (MIT; compiled by the zxcvbn-ts maintainers from public
 * breach corpora), plus Vietnamese habits that list misses. Compared case-insensitively.
 */
const VIETNAMESE_COMMON = ["matkhau123", "matkhau1234", "matkhaumoi", "anhyeuem123", "emyeuanh123", "vietnam123", "vietnam1234", "congan123", "123456789a", "1234567890a", "abc1234567", "qwerty1234"];
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([...dictionary["passwords-common"], ...VIETNAMESE_COMMON].map((p) => p.toLowerCase()));

/**
 * Throws `BadRequestError` (code `weak_password`) unless `password` may be chosen by
 * `username`: at least 10 characters, not the username, not a common password.
 */
export function assertPasswordAllowed(password: string, username: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new BadRequestError(`Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự / The password needs at least ${MIN_PASSWORD_LENGTH} characters`, "weak_password");
  }
  const folded = password.trim().toLowerCase();
  if (folded.includes(username.toLowerCase())) {
    throw new BadRequestError("Mật khẩu không được chứa tên đăng nhập / The password must not contain the username", "weak_password");
  }
  if (COMMON_PASSWORDS.has(folded)) {
    throw new BadRequestError("Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác / This password is too common, choose another", "weak_password");
  }
}

import type { LoginResponse } from "@roster/schema";
import { assertPasswordAllowed } from "../auth/password-rules";
import { hashPassword, verifyPassword } from "../auth/passwords";
import type { SessionService } from "../auth/sessions";
import { BadRequestError } from "../errors";
import type { Store, StoredUser } from "../storage/store";
import { sessionUser } from "../api/session-user";
import { hashPasswordCode } from "./password-codes";
import { logSecurityEvent } from "./security-log";

export interface OwnAccountOptions {
  store: Store;
  sessions: SessionService;
  now: () => Date;
  /** scrypt cost (tests lower it). */
  passwordCost?: { N: number; r: number; p: number };
}

const CODE_REFUSED = "Mã không đúng, đã dùng hoặc đã hết hạn; hãy xin quản trị xã mã mới / The code is wrong, used or expired; ask the commune admin for a new one";

/** What a person does to their own account: set a password with a code, change it. */
export class OwnAccount {
  constructor(private readonly options: OwnAccountOptions) {}

  /** Sets the password of the user a one-time code was issued for, and signs them in. */
  async redeem(code: string, password: string, device: string | undefined): Promise<LoginResponse> {
    const { store, now } = this.options;
    const codeHash = hashPasswordCode(code);
    const userId = await store.findPasswordCode(codeHash, now().toISOString());
    const user = userId === undefined ? undefined : await store.getUserById(userId);
    if (!user || user.disabled) throw new BadRequestError(CODE_REFUSED, "invalid_code");
    // Checked before the code is used: a refused password leaves the code valid for a better one.
    assertPasswordAllowed(password, user.username);
    const passwordHash = await hashPassword(password, this.options.passwordCost);
    // The store checks the code again in the same transaction that uses it: one use only, even racing.
    if ((await store.redeemPasswordCode(codeHash, now().toISOString(), passwordHash)) !== user.id) {
      throw new BadRequestError(CODE_REFUSED, "invalid_code");
    }
    await logSecurityEvent(store, now(), { commune: user.commune, actor: user.username, target: user.username, action: "password.set" });
    const { token, expiresAt } = await this.options.sessions.open(user, device);
    return { token, expiresAt, user: sessionUser(user) };
  }

  /** Changes one's own password; every other session of the user ends. */
  async changePassword(user: StoredUser, sessionId: string, current: string, next: string): Promise<void> {
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new BadRequestError("Mật khẩu hiện tại không đúng / The current password is wrong", "wrong_password");
    }
    assertPasswordAllowed(next, user.username);
    if (next === current) throw new BadRequestError("Mật khẩu mới phải khác mật khẩu cũ / The new password must differ from the old one", "weak_password");
    await this.options.store.updateUser(user.id, { passwordHash: await hashPassword(next, this.options.passwordCost) });
    await this.options.sessions.endAll(user.id, sessionId);
    await logSecurityEvent(this.options.store, this.options.now(), { commune: user.commune, actor: user.username, target: user.username, action: "password.change" });
  }
}

import { randomBytes } from "node:crypto";
import { AuthError } from "../errors";
import type { Store, StoredSession, StoredUser } from "../storage/store";
import { CloseCode } from "../sync";
import type { LiveConnections } from "./live-connections";
import type { TokenService } from "./tokens";

/** How stale `lastUsedAt` may get before a request writes it again (one write a minute, not one per request). */
const TOUCH_EVERY_MS = 60_000;
const MAX_DEVICE_LENGTH = 160;

export interface SessionServiceOptions {
  store: Store;
  tokens: TokenService;
  live: LiveConnections;
  /** The tokens' clock (epoch ms): a session ends exactly when its token does. */
  clock?: () => number;
}

/** The user behind a request and the session it came through. */
export interface Authenticated {
  user: StoredUser;
  session: StoredSession;
}

/**
 * Sessions behind the tokens: a login opens one, the token names it, and ending it (logout,
 * a password change, an admin's action) refuses the token at once and closes the sync
 * connections it opened with 4401.
 */
export class SessionService {
  private readonly clock: () => number;

  constructor(private readonly options: SessionServiceOptions) {
    this.clock = options.clock ?? (() => Date.now());
  }

  /** Opens a session for `user` on `device` (the User-Agent) and signs its token. */
  async open(user: StoredUser, device: string | undefined): Promise<{ token: string; expiresAt: string; sessionId: string }> {
    const id = randomBytes(16).toString("base64url");
    const { token, expiresAt } = await this.options.tokens.issue(user.id, id);
    const at = new Date(this.clock()).toISOString();
    await this.options.store.addSession({
      id,
      userId: user.id,
      device: (device ?? "").replace(/\p{Cc}/gu, " ").trim().slice(0, MAX_DEVICE_LENGTH),
      createdAt: at,
      lastUsedAt: at,
      expiresAt,
    });
    await this.options.store.updateUser(user.id, { lastLoginAt: at });
    return { token, expiresAt, sessionId: id };
  }

  /** The user and session of a token that is valid, unexpired and not ended; `AuthError` otherwise. */
  async authenticate(token: string | null | undefined): Promise<Authenticated> {
    const { userId, sessionId } = await this.options.tokens.check(token);
    const session = await this.options.store.getSession(sessionId);
    if (!session || session.userId !== userId || session.revokedAt !== null) {
      throw new AuthError("Phiên đăng nhập đã kết thúc / This session has ended");
    }
    const user = await this.options.store.getUserById(userId);
    if (!user || user.disabled) throw new AuthError();
    const now = this.clock();
    if (now - Date.parse(session.lastUsedAt) > TOUCH_EVERY_MS) {
      const at = new Date(now).toISOString();
      await this.options.store.touchSession(session.id, at);
      session.lastUsedAt = at;
    }
    return { user, session };
  }

  /** The user's open sessions, most recently used first. */
  list(userId: string): Promise<StoredSession[]> {
    return this.options.store.listSessions(userId, new Date(this.clock()).toISOString());
  }

  /** Ends one session: its token stops working and its sync connections close with 4401. */
  async end(sessionId: string): Promise<void> {
    const session = await this.options.store.getSession(sessionId);
    await this.options.store.revokeSession(sessionId, new Date(this.clock()).toISOString());
    if (session) this.closeConnections(session.userId, (id) => id === sessionId);
  }

  /** Ends every session of a user except `keep` (a password change keeps the one that made it). */
  async endAll(userId: string, keep?: string): Promise<void> {
    await this.options.store.revokeUserSessions(userId, new Date(this.clock()).toISOString(), keep);
    this.closeConnections(userId, (id) => id !== keep);
  }

  private closeConnections(userId: string, ended: (sessionId: string) => boolean): void {
    this.options.live.closeWhere(userId, (c) =>
      ended(c.sessionId) ? { code: CloseCode.Unauthorized, reason: "session ended" } : undefined,
    );
  }
}

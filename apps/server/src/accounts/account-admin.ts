import { randomUUID } from "node:crypto";
import {
  type CreateRosterRequest,
  type CreateUserRequest,
  type IssuedCode,
  type PatchRosterRequest,
  type PatchUserRequest,
  type Roster,
  type SecurityEvent,
  type User,
} from "@roster/schema";
import { canSeeRoster } from "../auth/access";
import type { LiveConnections } from "../auth/live-connections";
import type { SessionService } from "../auth/sessions";
import { ConflictError, NotFoundError } from "../errors";
import { StoreConflictError } from "../storage/errors";
import type { Store, StoredUser, UserPatch } from "../storage/store";
import { CloseCode, isReadOnlySync } from "../sync";
import { CODE_LIFETIME_MS, hashPasswordCode, newPasswordCode } from "./password-codes";
import { logSecurityEvent } from "./security-log";

/** The password of an account nobody has set yet: no scrypt hash, so no password matches it. */
const NO_PASSWORD = "!unset";
const SECURITY_LOG_LIMIT = 500;

export interface AccountAdminOptions {
  store: Store;
  sessions: SessionService;
  live: LiveConnections;
  /** The server's clock: codes expire and the log is dated by it (tests move it). */
  now: () => Date;
}

/** A user as the API shows it: never the password hash. */
export function publicUser(user: StoredUser): User {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

/**
 * What a commune admin does to the accounts and rosters of its own commune. Anything of
 * another commune answers 404, as if it did not exist. Every action is in the security
 * log; every change of access reaches the user's open sync connections at once.
 */
export class AccountAdmin {
  constructor(private readonly options: AccountAdminOptions) {}

  async listUsers(admin: StoredUser): Promise<User[]> {
    return (await this.options.store.listUsers(admin.commune)).map(publicUser);
  }

  async createUser(admin: StoredUser, request: CreateUserRequest): Promise<{ user: User } & IssuedCode> {
    const { store } = this.options;
    const rosters = await this.ownRosters(admin, request.rosters ?? []);
    if (await store.getUserByUsername(request.username)) throw new StoreConflictError("username", request.username);
    const id = randomUUID();
    await store.addUser({
      id,
      username: request.username,
      displayName: request.displayName,
      role: request.role,
      commune: admin.commune,
      passwordHash: NO_PASSWORD,
      rosters,
      createdAt: this.options.now().toISOString(),
      disabled: false,
    });
    const detail = [request.role, ...rosters].join(" ");
    await this.log(admin, request.username, "user.create", detail);
    const code = await this.issueCode(id);
    return { user: publicUser(await this.userOf(admin, id)), ...code };
  }

  async patchUser(admin: StoredUser, id: string, patch: PatchUserRequest): Promise<User> {
    const before = await this.userOf(admin, id);
    if (before.id === admin.id && (patch.disabled === true || (patch.role !== undefined && patch.role !== "admin"))) {
      throw new ConflictError("Quản trị không thể tự khóa hay tự hạ quyền mình / An admin cannot disable or demote itself", "self_demotion");
    }
    const change: UserPatch = {};
    if (patch.displayName !== undefined && patch.displayName !== before.displayName) change.displayName = patch.displayName;
    if (patch.role !== undefined && patch.role !== before.role) change.role = patch.role;
    if (patch.disabled !== undefined && patch.disabled !== before.disabled) change.disabled = patch.disabled;
    if (patch.rosters !== undefined) {
      const rosters = await this.ownRosters(admin, patch.rosters);
      if (rosters.join() !== before.rosters.join()) change.rosters = rosters;
    }
    await this.options.store.updateUser(id, change);
    const after = await this.userOf(admin, id);

    if (change.displayName !== undefined) await this.log(admin, after.username, "user.rename", `${before.displayName} → ${after.displayName}`);
    if (change.role !== undefined) await this.log(admin, after.username, "user.role", `${before.role} → ${after.role}`);
    if (change.rosters !== undefined) await this.log(admin, after.username, "user.rosters", `${before.rosters.join(", ") || "—"} → ${after.rosters.join(", ") || "—"}`);
    if (change.disabled === true) {
      await this.log(admin, after.username, "user.disable");
      await this.options.sessions.endAll(id);
    }
    if (change.disabled === false) await this.log(admin, after.username, "user.enable");
    if (change.role !== undefined || change.rosters !== undefined) await this.reviewConnections(after);
    return publicUser(after);
  }

  /** A new one-time code; the user's password and every session stop working at once. */
  async resetUser(admin: StoredUser, id: string): Promise<IssuedCode> {
    const user = await this.userOf(admin, id);
    await this.options.store.updateUser(id, { passwordHash: NO_PASSWORD });
    await this.options.sessions.endAll(id);
    await this.log(admin, user.username, "user.reset");
    return this.issueCode(id);
  }

  async createRoster(admin: StoredUser, request: CreateRosterRequest): Promise<Roster> {
    const roster: Roster = { id: request.id, name: request.name.trim(), commune: admin.commune };
    await this.options.store.addRoster(roster);
    await this.log(admin, roster.id, "roster.create", roster.name);
    return roster;
  }

  async patchRoster(admin: StoredUser, id: string, patch: PatchRosterRequest): Promise<Roster> {
    const before = await this.options.store.getRoster(id);
    if (!before || before.commune !== admin.commune) throw new NotFoundError("Không có danh sách này / No such roster");
    await this.options.store.updateRoster(id, patch);
    const after = (await this.options.store.getRoster(id)) as Roster;
    if (after.name !== before.name) await this.log(admin, id, "roster.rename", `${before.name} → ${after.name}`);
    if (Boolean(after.archived) !== Boolean(before.archived)) {
      await this.log(admin, id, after.archived ? "roster.archive" : "roster.unarchive", after.name);
      // Open connections to it change mode (read-only ⇄ read-write): they reconnect.
      for (const user of await this.options.store.listUsers(admin.commune)) await this.reviewConnections(user);
    }
    return after;
  }

  securityLog(admin: StoredUser): Promise<SecurityEvent[]> {
    return this.options.store.listSecurityEvents(admin.commune, SECURITY_LOG_LIMIT);
  }

  private async issueCode(userId: string): Promise<IssuedCode> {
    const code = newPasswordCode();
    const now = this.options.now();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS).toISOString();
    await this.options.store.addPasswordCode({ codeHash: hashPasswordCode(code), userId, createdAt: now.toISOString(), expiresAt });
    return { code, expiresAt };
  }

  /** The user `id` of the admin's own commune; 404 for any other (never a hint that it exists). */
  private async userOf(admin: StoredUser, id: string): Promise<StoredUser> {
    const user = id.length <= 64 ? await this.options.store.getUserById(id) : undefined;
    if (!user || user.commune !== admin.commune) throw new NotFoundError("Không có tài khoản này / No such user");
    return user;
  }

  /** The roster ids, each of the admin's commune (else 404, as if unknown), sorted and unique. */
  private async ownRosters(admin: StoredUser, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)].sort();
    for (const id of unique) {
      const roster = await this.options.store.getRoster(id);
      if (!roster || roster.commune !== admin.commune) throw new NotFoundError(`Không có danh sách ${id} / No roster ${id}`);
    }
    return unique;
  }

  /** Closes the user's sync connections its access no longer allows, at once. */
  private async reviewConnections(user: StoredUser): Promise<void> {
    const rosters = new Map<string, Roster | undefined>();
    for (const roster of await this.options.store.listRosters(user.commune)) rosters.set(roster.id, roster);
    this.options.live.closeWhere(user.id, (connection) => {
      const roster = rosters.get(connection.rosterId);
      if (!roster || !canSeeRoster(user, roster)) return { code: CloseCode.Forbidden, reason: "access removed" };
      if (connection.readOnly !== isReadOnlySync(connection.kind, user.role, roster.archived)) {
        return { code: CloseCode.AccessChanged, reason: "access changed" };
      }
      return undefined;
    });
  }

  private log(admin: StoredUser, target: string, action: SecurityEvent["action"], detail?: string): Promise<void> {
    return logSecurityEvent(this.options.store, this.options.now(), { commune: admin.commune, actor: admin.username, target, action, ...(detail === undefined ? {} : { detail }) });
  }
}

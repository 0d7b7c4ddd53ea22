import type { SessionUser } from "@roster/schema";
import type { StoredUser } from "../storage/store";

/** The user as the API shows it: never the password hash. */
export function sessionUser(user: StoredUser): SessionUser {
  return { id: user.id, username: user.username, role: user.role, commune: user.commune, displayName: user.displayName };
}

import type { Roster } from "@roster/schema";
import { RosterIdSchema } from "@roster/schema";
import { assertCanSeeRoster } from "../auth/access";
import { NotFoundError } from "../errors";
import type { AccountStore, StoredUser } from "../storage/store";

/** The roster `id` if it exists and `user` may see it: 404 unknown, 403 not in scope. */
export async function rosterFor(user: StoredUser, id: string, store: AccountStore): Promise<Roster> {
  const roster = RosterIdSchema.safeParse(id).success ? await store.getRoster(id) : undefined;
  if (!roster) throw new NotFoundError("Không có danh sách này / No such roster");
  assertCanSeeRoster(user, roster);
  return roster;
}

import { LoginResponseSchema, RosterListItemSchema, type LoginResponse, type RosterListItem } from "@roster/schema";
import type { AppStore } from "./app-db";

const SESSION_KEY = "session";
const ROSTERS_KEY = "rosters";
const RosterListSchema = RosterListItemSchema.array();

/**
 * The logged-in session and the roster list, kept in IndexedDB so that a person who
 * opens the app without a network keeps working (no forced login offline).
 */
export class SessionStore {
  constructor(private readonly store: AppStore) {}

  /** The saved session, or undefined when none is saved or it no longer parses. */
  async load(): Promise<LoginResponse | undefined> {
    const parsed = LoginResponseSchema.safeParse(await this.store.get(SESSION_KEY));
    return parsed.success ? parsed.data : undefined;
  }

  async save(session: LoginResponse): Promise<void> {
    await this.store.put(SESSION_KEY, session);
  }

  /** The rosters last received from the server, for showing the list offline. */
  async loadRosters(): Promise<RosterListItem[]> {
    const parsed = RosterListSchema.safeParse(await this.store.get(ROSTERS_KEY));
    return parsed.success ? parsed.data : [];
  }

  async saveRosters(rosters: readonly RosterListItem[]): Promise<void> {
    await this.store.put(ROSTERS_KEY, rosters);
  }
}

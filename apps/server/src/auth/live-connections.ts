/** One open sync connection, as the account side needs to know it. */
export interface LiveConnection {
  userId: string;
  sessionId: string;
  rosterId: string;
  kind: "records" | "review";
  readOnly: boolean;
  close(code: number, reason: string): void;
  /**
   * Checks the connection's session and access against the store again and closes it if
   * they no longer allow it (scaled mode: an account change made on another instance).
   */
  recheck?(): void;
}

/**
 * The open sync connections of every user, so that an account change (a session ended, a
 * user disabled, a role or roster assignment changed, a password reset) reaches the
 * sockets already open at once, not only the next request. Scaled mode: the sockets of a
 * user may be open on other instances too, so every change is announced (`announce`, over
 * the bus) and each instance checks that user's connections again (`recheck`).
 */
export class LiveConnections {
  private readonly byUser = new Map<string, Set<LiveConnection>>();

  /** `announce`: tell the other instances that this user's account changed. */
  constructor(private readonly announce?: (userId: string) => void) {}

  /** Registers a connection; the returned function forgets it (call it when the socket closes). */
  add(connection: LiveConnection): () => void {
    const set = this.byUser.get(connection.userId) ?? new Set();
    set.add(connection);
    this.byUser.set(connection.userId, set);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.byUser.get(connection.userId) === set) this.byUser.delete(connection.userId);
    };
  }

  /** Closes the connections of one user that `decide` gives a close code for; answers how many. */
  closeWhere(userId: string, decide: (connection: LiveConnection) => { code: number; reason: string } | undefined): number {
    this.announce?.(userId);
    let closed = 0;
    for (const connection of [...(this.byUser.get(userId) ?? [])]) {
      const verdict = decide(connection);
      if (!verdict) continue;
      connection.close(verdict.code, verdict.reason);
      closed += 1;
    }
    return closed;
  }

  /** Checks again the open connections of one user, or of every user (after the bus lost messages). */
  recheck(userId?: string): void {
    const sets = userId === undefined ? [...this.byUser.values()] : [this.byUser.get(userId) ?? new Set<LiveConnection>()];
    for (const set of sets) for (const connection of [...set]) connection.recheck?.();
  }

  /** How many connections a user has open (for tests and metrics). */
  count(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }
}

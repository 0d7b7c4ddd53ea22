/** One open sync connection, as the account side needs to know it. */
export interface LiveConnection {
  userId: string;
  sessionId: string;
  rosterId: string;
  kind: "records" | "review";
  readOnly: boolean;
  close(code: number, reason: string): void;
}

/**
 * The open sync connections of every user, so that an account change (a session ended, a
 * user disabled, a role or roster assignment changed, a password reset) reaches the
 * sockets already open at once, not only the next request. In-process: this server has
 * one instance per DATA_DIR.
 */
export class LiveConnections {
  private readonly byUser = new Map<string, Set<LiveConnection>>();

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
    let closed = 0;
    for (const connection of [...(this.byUser.get(userId) ?? [])]) {
      const verdict = decide(connection);
      if (!verdict) continue;
      connection.close(verdict.code, verdict.reason);
      closed += 1;
    }
    return closed;
  }

  /** How many connections a user has open (for tests and metrics). */
  count(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }
}

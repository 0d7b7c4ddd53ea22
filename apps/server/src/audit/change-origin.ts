/**
 * Who made a change, as the server knows it. Every Yjs transaction the server applies on
 * behalf of someone carries an origin with this `context` (a sync connection's context is
 * set when it is authenticated; REST changes such as imports build one). Transactions
 * without it (loading from storage, server-written marks) are nobody's edits.
 */
export interface ChangeContext {
  user: { id: string; username: string; displayName?: string };
  /** e.g. the imported file's name. */
  source?: string;
}

export function contextOf(origin: unknown): ChangeContext | undefined {
  if (typeof origin !== "object" || origin === null || !("context" in origin)) return undefined;
  const context = (origin as { context: unknown }).context;
  if (typeof context !== "object" || context === null || !("user" in context)) return undefined;
  const user = (context as { user: unknown }).user;
  if (typeof user !== "object" || user === null || typeof (user as { id?: unknown }).id !== "string") return undefined;
  return context as ChangeContext;
}

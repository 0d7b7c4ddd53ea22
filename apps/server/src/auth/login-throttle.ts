/**
 * Limits login attempts per key (the caller uses username + client address) in a sliding
 * window, so a password cannot be guessed by brute force. In-memory per server instance: an attacker
 * spread over several instances gets a few more tries, which scrypt's cost still bounds.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Counts an attempt for `key` as failed *before* the password is checked, and says
   * whether it may go on to the check: parallel guesses are counted as they arrive, so at
   * most `maxFailures` of them ever reach the (slow) hash comparison.
   */
  attempt(key: string): boolean {
    const list = this.recent(key);
    if (list.length >= this.maxFailures) return false;
    list.push(this.now());
    this.failures.set(key, list);
    return true;
  }

  /** True when `key` has used up its attempts (the next one will be refused). */
  locked(key: string): boolean {
    return this.recent(key).length >= this.maxFailures;
  }

  /** The password was right: the key's count starts again. */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}

/**
 * Limits failed logins per key (the caller uses username + client address) in a sliding
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

  /** True when `key` may try again. */
  allowed(key: string): boolean {
    return this.recent(key).length < this.maxFailures;
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list);
  }

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

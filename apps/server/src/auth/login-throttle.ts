import type { ThrottleStore } from "../storage/store";

/** Throttled keys kept at most (see `LoginAttemptLimits.maxKeys`). */
export const DEFAULT_THROTTLE_KEYS = 100_000;

/**
 * Limits login attempts per key (the caller uses username + client address) in a sliding
 * window, so a password cannot be guessed by brute force. The counters live in the store:
 * every instance of the scaled mode counts the same attempts, and a restart keeps them.
 *
 * The table is capped at `maxKeys` keys (least recently counted forgotten first). To
 * reset one key's counter through the cap an attacker must first make `maxKeys` other
 * attempts within the window, each costing the server a password hash: far more time
 * than the window lasts at the hash's cost.
 */
export class LoginThrottle {
  constructor(
    private readonly store: ThrottleStore,
    private readonly maxFailures: number,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = DEFAULT_THROTTLE_KEYS,
  ) {}

  /**
   * Counts an attempt for `key` as failed *before* the password is checked, and says
   * whether it may go on to the check: parallel guesses are counted as they arrive (the
   * store decides atomically), so at most `maxFailures` of them ever reach the (slow)
   * hash comparison, on any number of instances.
   */
  async attempt(key: string): Promise<boolean> {
    const { counted } = await this.store.countLoginAttempt(key, { at: this.now(), windowMs: this.windowMs, max: this.maxFailures, maxKeys: this.maxKeys });
    return counted;
  }

  /** True when `key` has used up its attempts (the next one will be refused). */
  async locked(key: string): Promise<boolean> {
    return (await this.store.loginAttempts(key, this.now(), this.windowMs)) >= this.maxFailures;
  }

  /** The password was right: the key's count starts again. */
  async succeed(key: string): Promise<void> {
    await this.store.clearLoginAttempts(key);
  }
}

import { expect, it } from "vitest";
import type { HarnessRef } from "./store-contract";
import type { LoginAttemptLimits } from "./store";

const WINDOW = 15 * 60 * 1000;
const T0 = Date.UTC(2026, 5, 8, 7, 30);
const limits = (at: number, overrides: Partial<LoginAttemptLimits> = {}): LoginAttemptLimits => ({ at, windowMs: WINDOW, max: 3, maxKeys: 1000, ...overrides });

/** The login throttle's counters (`ThrottleStore`): the same on every backend. */
export function throttleContract(ref: HarnessRef): void {
  it("counts attempts up to the limit and refuses (without counting) the one past it", async () => {
    const { store } = ref();
    const key = "a.police|203.0.113.7";
    expect(await store.loginAttempts(key, T0, WINDOW)).toBe(0);
    expect(await store.countLoginAttempt(key, limits(T0))).toEqual({ counted: true, count: 1 });
    expect(await store.countLoginAttempt(key, limits(T0 + 1))).toEqual({ counted: true, count: 2 });
    expect(await store.countLoginAttempt(key, limits(T0 + 2))).toEqual({ counted: true, count: 3 });
    expect(await store.countLoginAttempt(key, limits(T0 + 3))).toEqual({ counted: false, count: 3 });
    expect(await store.loginAttempts(key, T0 + 4, WINDOW)).toBe(3);
    // Another key (another address) is not affected.
    expect(await store.countLoginAttempt("a.police|198.51.100.2", limits(T0 + 5))).toEqual({ counted: true, count: 1 });
  });

  it("lets attempts leave the window one by one (a sliding window)", async () => {
    const { store } = ref();
    const key = "lan|10.0.0.1";
    await store.countLoginAttempt(key, limits(T0));
    await store.countLoginAttempt(key, limits(T0 + 60_000));
    await store.countLoginAttempt(key, limits(T0 + 120_000));
    expect((await store.countLoginAttempt(key, limits(T0 + WINDOW - 1))).counted).toBe(false);
    // The first attempt is exactly one window old: no longer counted, so one more fits.
    expect(await store.loginAttempts(key, T0 + WINDOW, WINDOW)).toBe(2);
    expect(await store.countLoginAttempt(key, limits(T0 + WINDOW))).toEqual({ counted: true, count: 3 });
    expect(await store.loginAttempts(key, T0 + WINDOW + 120_000, WINDOW)).toBe(1);
  });

  it("clears a key's attempts, and survives reopening", async () => {
    const harness = ref();
    await harness.store.countLoginAttempt("k1", limits(T0));
    await harness.store.countLoginAttempt("k2", limits(T0));
    await harness.store.clearLoginAttempts("k1");
    expect(await harness.store.loginAttempts("k1", T0, WINDOW)).toBe(0);
    const store = await harness.reopen();
    expect(await store.loginAttempts("k2", T0 + 1, WINDOW)).toBe(1);
  });

  it("racing attempts of one key: exactly `max` are counted", async () => {
    const { store } = ref();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => store.countLoginAttempt("race|10.0.0.9", limits(T0 + i, { max: 5 }))));
    expect(answers.filter((a) => a.counted)).toHaveLength(5);
    expect(await store.loginAttempts("race|10.0.0.9", T0 + 20, WINDOW)).toBe(5);
  });

  it("is bounded: a flood of distinct keys keeps at most `maxKeys`, the most recent ones", async () => {
    const { store } = ref();
    for (let i = 0; i < 40; i += 1) await store.countLoginAttempt(`flood-${i}|10.0.0.1`, limits(T0 + i, { maxKeys: 10 }));
    const kept: number[] = [];
    for (let i = 0; i < 40; i += 1) if ((await store.loginAttempts(`flood-${i}|10.0.0.1`, T0 + 100, WINDOW)) > 0) kept.push(i);
    expect(kept).toEqual(Array.from({ length: 10 }, (_, i) => 30 + i));
  });

  it("refuses meaningless limits", async () => {
    const { store } = ref();
    await expect(store.countLoginAttempt("k", limits(T0, { max: 0 }))).rejects.toThrow(RangeError);
    await expect(store.countLoginAttempt("k", limits(T0, { windowMs: Number.NaN }))).rejects.toThrow(RangeError);
  });
}

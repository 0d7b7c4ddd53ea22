import { describe, expect, it } from "vitest";
import { CONNECT_LIMIT_MS, Heartbeat, PING_EVERY_MS, SILENCE_LIMIT_MS, type HeartbeatClock, type HeartbeatTarget } from "./heartbeat";

/** A clock the test moves, ticking the heartbeat as real intervals would. */
function fakeClock() {
  let now = 1_000_000;
  let tick: (() => void) | undefined;
  const clock: HeartbeatClock = {
    now: () => now,
    every: (_ms, run) => {
      tick = run;
      return () => (tick = undefined);
    },
  };
  /** Moves time forward in steps of one interval, ticking each time. */
  const advance = (ms: number, step = PING_EVERY_MS) => {
    for (let left = ms; left > 0; left -= step) {
      now += Math.min(step, left);
      tick?.();
    }
  };
  return { clock, advance, now: () => now };
}

function socketTarget(clock: { now(): number }) {
  const sent: Uint8Array[] = [];
  const target = {
    ws: { readyState: 1, send: (data: Uint8Array) => sent.push(data) },
    wsconnected: true,
    wsconnecting: false,
    wsLastMessageReceived: clock.now(),
  } satisfies HeartbeatTarget & { ws: object };
  return { target, sent, answer: () => (target.wsLastMessageReceived = clock.now()) };
}

describe("Heartbeat", () => {
  it("pings a live socket every half second and leaves it alone while it answers", () => {
    const c = fakeClock();
    const s = socketTarget(c);
    let dead = 0;
    new Heartbeat(s.target, () => (dead += 1), c.clock);
    for (let i = 0; i < 20; i += 1) {
      c.advance(PING_EVERY_MS);
      s.answer();
    }
    expect(dead).toBe(0);
    expect(s.sent.length).toBe(20);
    expect([...s.sent[0]!]).toEqual([3]); // an awareness query
  });

  it("reports a socket that went silent within 2 s", () => {
    const c = fakeClock();
    const s = socketTarget(c);
    let deadAt: number | undefined;
    new Heartbeat(s.target, () => (deadAt ??= c.now()), c.clock);
    c.advance(2 * PING_EVERY_MS);
    s.answer();
    const silentFrom = c.now();
    c.advance(5000);
    expect(deadAt).toBeDefined();
    expect(deadAt! - silentFrom).toBeGreaterThan(SILENCE_LIMIT_MS);
    expect(deadAt! - silentFrom).toBeLessThanOrEqual(SILENCE_LIMIT_MS + PING_EVERY_MS);
  });

  it("judges nothing on a late tick (a frozen or busy tab), only on the silence after it", () => {
    const c = fakeClock();
    const s = socketTarget(c);
    let dead = 0;
    new Heartbeat(s.target, () => (dead += 1), c.clock);
    c.advance(10_000, 10_000); // one tick, ten seconds late
    expect(dead).toBe(0);
    c.advance(SILENCE_LIMIT_MS + PING_EVERY_MS);
    expect(dead).toBe(1);
  });

  it("gives up a socket that stays opening", () => {
    const c = fakeClock();
    const s = socketTarget(c);
    Object.assign(s.target, { wsconnected: false, wsconnecting: true });
    s.target.ws.readyState = 0;
    let dead = 0;
    new Heartbeat(s.target, () => (dead += 1), c.clock);
    c.advance(CONNECT_LIMIT_MS - PING_EVERY_MS);
    expect(dead).toBe(0);
    c.advance(2 * PING_EVERY_MS);
    expect(dead).toBe(1);
    expect(s.sent.length).toBe(0);
  });
});

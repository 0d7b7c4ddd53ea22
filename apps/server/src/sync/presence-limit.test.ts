import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { PresenceLimit } from "./presence-limit";

function update(states: [number, number, string][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, states.length);
  for (const [id, clock, state] of states) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

const limits = { maxClientIds: 2, maxStateChars: 100, rate: { messagesPerSecond: 1, burst: 3 } };

describe("PresenceLimit", () => {
  it("admits a connection's own ids up to the limit, and not another connection's", () => {
    const presence = new PresenceLimit(limits, () => 0);
    const [a, b] = [{}, {}];
    expect(presence.admit(a, update([[1, 1, "{}"]]))).toBe(true);
    expect(presence.admit(b, update([[1, 2, "null"]]))).toBe(false); // removing a's presence
    expect(presence.admit(a, update([[2, 1, "{}"]]))).toBe(true);
    expect(presence.admit(a, update([[3, 1, "{}"]]))).toBe(false); // a third id
    presence.release(a);
    expect(presence.admit(b, update([[1, 3, "{}"]]))).toBe(true);
  });

  it("drops large states, crowded updates and updates over the rate", () => {
    let now = 0;
    const presence = new PresenceLimit(limits, () => now);
    const a = {};
    expect(presence.admit(a, update([[1, 1, "x".repeat(101)]]))).toBe(false);
    expect(presence.admit(a, update([[1, 1, "{}"], [2, 1, "{}"], [3, 1, "{}"]]))).toBe(false);
    for (let i = 0; i < 3; i++) expect(presence.admit(a, update([[1, 2 + i, "{}"]]))).toBe(true);
    expect(presence.admit(a, update([[1, 9, "{}"]]))).toBe(false);
    now += 1000;
    expect(presence.admit(a, update([[1, 10, "{}"]]))).toBe(true);
  });

  it("throws on a malformed update (the connection closes it as a protocol error)", () => {
    expect(() => new PresenceLimit(limits).admit({}, Uint8Array.from([1, 7]))).toThrow();
  });
});

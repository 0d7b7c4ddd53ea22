import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFrame, encodeCommitted, encodeCompacted, encodeForwarded, FRAME_VERSION, MalformedFrameError } from "./bus-frame";

const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

describe("bus frames", () => {
  it("round-trips a committed message with every optional field, byte for byte", () => {
    const message = { doc: "records:r-1", seq: Number.MAX_SAFE_INTEGER, update: everyByte, origin: { instance: "i-1", connection: "c-9" }, echo: true, at: 1_796_000_000_123 };
    expect(decodeFrame(encodeCommitted(message))).toEqual({ kind: "committed", message });
  });

  it("round-trips a committed message without update, origin or echo (absent, not undefined)", () => {
    const decoded = decodeFrame(encodeCommitted({ doc: "review:r-1", seq: 0 }));
    expect(decoded).toEqual({ kind: "committed", message: { doc: "review:r-1", seq: 0 } });
    expect(Object.keys(decoded.message)).toEqual(["doc", "seq"]);
  });

  it("round-trips forwarded and compacted messages", () => {
    const forwarded = { doc: "records:ñ-Việt", origin: { instance: "a", connection: "b" }, context: { userId: "u1", role: "editor" }, update: new Uint8Array([0, 255, 0]) };
    expect(decodeFrame(encodeForwarded(forwarded))).toEqual({ kind: "forwarded", message: forwarded });
    expect(decodeFrame(encodeCompacted({ doc: "records:r", throughSeq: 42 }))).toEqual({ kind: "compacted", message: { doc: "records:r", throughSeq: 42 } });
  });

  it("copies the update out of the received buffer (transports reuse theirs)", () => {
    const frame = encodeCommitted({ doc: "d", seq: 1, update: new Uint8Array([1, 2, 3]) });
    const decoded = decodeFrame(frame);
    frame.fill(0);
    expect(decoded.kind === "committed" && [...(decoded.message.update ?? [])]).toEqual([1, 2, 3]);
  });

  it("refuses another version, an unknown kind or flag, trailing bytes and bad JSON", () => {
    const good = encodeCompacted({ doc: "d", throughSeq: 1 });
    expect(() => decodeFrame(good)).not.toThrow();
    expect(() => decodeFrame(Uint8Array.from([FRAME_VERSION + 1, ...good.subarray(1)]))).toThrow(/unknown frame version 2/);
    expect(() => decodeFrame(Uint8Array.from([FRAME_VERSION, 9, ...good.subarray(2)]))).toThrow(/unknown frame kind 9/);
    expect(() => decodeFrame(Uint8Array.from([...good, 0]))).toThrow(/trailing/);
    const committed = encodeCommitted({ doc: "d", seq: 1 });
    committed[4] = 0x80; // flags byte after version, kind, doc length, "d"
    expect(() => decodeFrame(committed)).toThrow(/unknown flags/);
    const forwarded = encodeForwarded({ doc: "d", origin: { instance: "a", connection: "b" }, context: "xy", update: new Uint8Array() });
    forwarded[forwarded.indexOf(0x22)] = 0x7b; // the context's opening quote becomes "{"
    expect(() => decodeFrame(forwarded)).toThrow(MalformedFrameError);
  });

  it("refuses every truncation of a valid frame", () => {
    const frame = encodeCommitted({ doc: "records:r-1", seq: 300, update: everyByte, origin: { instance: "i", connection: "c" } });
    for (let length = 0; length < frame.length; length++) {
      expect(() => decodeFrame(frame.subarray(0, length))).toThrow(MalformedFrameError);
    }
  });

  it("throws nothing but MalformedFrameError on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, versioned) => {
        const input = versioned && bytes.length > 0 ? Uint8Array.from([FRAME_VERSION, ...bytes]) : bytes;
        try {
          decodeFrame(input);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedFrameError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { peekSyncMessage, stateVectorOf, syncStep1Frame } from "./sync-messages";

function afterOuterType(frame: Uint8Array): decoding.Decoder {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  return decoder;
}

describe("peekSyncMessage", () => {
  it("reads the server's state vector from its step 1 without consuming the decoder", () => {
    const server = new Y.Doc();
    server.getMap("children").set("c1", "x");
    const decoder = afterOuterType(syncStep1Frame(server));
    const before = decoder.pos;
    const peeked = peekSyncMessage(decoder);
    expect(peeked).toEqual({ step: "step1", serverState: stateVectorOf(server) });
    expect(decoder.pos).toBe(before);
  });

  it("tells a step 2 and an update apart", () => {
    const doc = new Y.Doc();
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, 0);
    syncProtocol.writeSyncStep2(step2, doc);
    expect(peekSyncMessage(afterOuterType(encoding.toUint8Array(step2)))).toEqual({ step: "step2" });

    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 0);
    syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(doc));
    expect(peekSyncMessage(afterOuterType(encoding.toUint8Array(update)))).toEqual({ step: "update" });
  });

  it("calls a truncated frame unknown instead of throwing", () => {
    expect(peekSyncMessage(decoding.createDecoder(new Uint8Array([0])))).toEqual({ step: "unknown" });
  });
});

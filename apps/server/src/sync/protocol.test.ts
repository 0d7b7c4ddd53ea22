import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  MessageType,
  ProtocolError,
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseMessage,
} from "./protocol";
import { clientUpdate, setChildField } from "./test-doubles";

function rosterDoc(): Y.Doc {
  const doc = new Y.Doc();
  setChildField(doc, "c-01", "fullName", "Nguyễn Thị Ánh Tuyết");
  setChildField(doc, "c-01", "dob", "2015-03-08");
  return doc;
}

/** A frame built the way the stock y-websocket client builds it. */
function stockFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe("parseMessage", () => {
  it("reads the frames the stock client sends", () => {
    const doc = rosterDoc();
    const { update } = clientUpdate((d) => setChildField(d, "c-02", "fullName", "Lò Văn Páo"));
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: "Hà Thị Mai" });
    const awarenessUpdate = encodeAwarenessUpdate(awareness, [doc.clientID]);
    awareness.destroy();

    const step1 = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep1(e, doc);
    });
    const step2 = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep2(e, doc);
    });
    const live = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeUpdate(e, update);
    });
    const aware = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      encoding.writeVarUint8Array(e, awarenessUpdate);
    });
    const query = stockFrame((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));

    expect(parseMessage(step1)).toEqual({ kind: "sync-step-1", stateVector: Y.encodeStateVector(doc) });
    expect(parseMessage(step2)).toEqual({ kind: "sync-step-2", update: Y.encodeStateAsUpdate(doc) });
    expect(parseMessage(live)).toEqual({ kind: "update", update });
    expect(parseMessage(aware)).toEqual({ kind: "awareness", update: awarenessUpdate });
    expect(parseMessage(query)).toEqual({ kind: "query-awareness" });
  });

  it.each([
    ["an empty frame", []],
    ["a sync frame without its step", [0]],
    ["a sync step 1 without payload", [0, 0]],
    ["an unknown sync step", [0, 7, 0]],
    ["a payload longer than the frame", [0, 2, 200, 1, 2, 3]],
    ["auth, which only the server sends", [2, 0, 0]],
    ["an unknown message type", [9]],
    ["a varint that never ends", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ["trailing bytes after a query", [3, 0]],
    ["trailing bytes after an update", [0, 2, 1, 0, 42]],
  ])("rejects %s with ProtocolError", (_label, bytes) => {
    expect(() => parseMessage(new Uint8Array(bytes))).toThrow(ProtocolError);
  });
});

describe("server frames", () => {
  it("are read by the stock client's sync handler and fill its doc", () => {
    const server = rosterDoc();
    const client = new Y.Doc();
    for (const frame of [encodeSyncStep2(Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)))]) {
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.Sync);
      const reply = encoding.createEncoder();
      const step = syncProtocol.readSyncMessage(decoder, reply, client, "server");
      expect(step).toBe(syncProtocol.messageYjsSyncStep2);
    }
    expect(client.getMap<Y.Map<unknown>>("children").get("c-01")?.get("fullName")).toBe("Nguyễn Thị Ánh Tuyết");
  });

  it("round-trip through parseMessage", () => {
    const doc = rosterDoc();
    const update = Y.encodeStateAsUpdate(doc);
    expect(parseMessage(encodeSyncStep1(doc))).toEqual({ kind: "sync-step-1", stateVector: Y.encodeStateVector(doc) });
    expect(parseMessage(encodeSyncStep2(update))).toEqual({ kind: "sync-step-2", update });
    expect(parseMessage(encodeUpdate(update))).toEqual({ kind: "update", update });
    expect(parseMessage(encodeAwareness(new Uint8Array([1, 2])))).toEqual({
      kind: "awareness",
      update: new Uint8Array([1, 2]),
    });
    expect(parseMessage(encodeQueryAwareness())).toEqual({ kind: "query-awareness" });
  });
});

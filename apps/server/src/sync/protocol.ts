import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * Outer message types of the y-websocket protocol, as numbered by the stock client
 * (`y-websocket/src/y-websocket.js`) and the reference server.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/** A decoded client message. Payloads are views into the received frame. */
export type SyncMessage =
  | { kind: "sync-step-1"; stateVector: Uint8Array }
  | { kind: "sync-step-2"; update: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

/** A frame that is not a well-formed message a client may send. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

/**
 * Decodes one client frame. Throws `ProtocolError` for an empty or truncated frame,
 * trailing bytes, an unknown message type, and `auth` (only the server sends it).
 */
export function parseMessage(data: Uint8Array): SyncMessage {
  const decoder = decoding.createDecoder(data);
  let message: SyncMessage;
  try {
    message = readMessage(decoder);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // lib0 throws plain errors (or RangeError) on truncated input.
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after message");
  return message;
}

function readMessage(decoder: decoding.Decoder): SyncMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      switch (step) {
        case syncProtocol.messageYjsSyncStep1:
          return { kind: "sync-step-1", stateVector: payload };
        case syncProtocol.messageYjsSyncStep2:
          return { kind: "sync-step-2", update: payload };
        case syncProtocol.messageYjsUpdate:
          return { kind: "update", update: payload };
        default:
          throw new ProtocolError(`unknown sync message ${step}`);
      }
    }
    case MessageType.Awareness:
      return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MessageType.QueryAwareness:
      return { kind: "query-awareness" };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

/**
 * `sync step 1` carrying the state vector of `state` (a doc, or what stored bytes hold): asks
 * the client for what it has that the server lacks.
 */
export function encodeSyncStep1(state: Y.Doc | Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(state));
  return encoding.toUint8Array(encoder);
}

/**
 * `sync step 2` carrying an update computed beforehand (the server computes it when
 * step 1 arrives, but sends it only once everything in it is durable).
 */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A live document update relayed to clients. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness update (from `awarenessProtocol.encodeAwarenessUpdate`). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Asks the peer for all awareness states it knows. */
export function encodeQueryAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.QueryAwareness);
  return encoding.toUint8Array(encoder);
}

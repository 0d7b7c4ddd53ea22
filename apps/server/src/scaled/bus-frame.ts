import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { AccountMessage, CommittedMessage, CompactedMessage, ForwardedMessage, RemoteOrigin } from "./roster-bus";

/**
 * The bus's binary framing: a version byte, a kind byte, then lib0 var-length fields.
 * A reader that sees another version drops the message (counted) instead of guessing, so
 * instances of two releases can share a Redis during a rolling deploy without crashing.
 */
export const FRAME_VERSION = 1;

const KIND_COMMITTED = 1;
const KIND_FORWARDED = 2;
const KIND_COMPACTED = 3;
const KIND_ACCOUNT = 4;

const HAS_UPDATE = 1;
const HAS_ORIGIN = 2;
const ECHO = 4;
const HAS_TIME = 8;
const KNOWN_FLAGS = HAS_UPDATE | HAS_ORIGIN | ECHO | HAS_TIME;

export type Frame =
  | { kind: "committed"; message: CommittedMessage }
  | { kind: "forwarded"; message: ForwardedMessage }
  | { kind: "compacted"; message: CompactedMessage }
  | { kind: "account"; message: AccountMessage };

/** Why a frame was refused; for the drop counter and a debug log, never thrown to a handler. */
export class MalformedFrameError extends Error {
  override readonly name = "MalformedFrameError";
}

export function encodeCommitted(message: CommittedMessage): Uint8Array {
  const encoder = header(KIND_COMMITTED, message.doc);
  const flags = (message.update ? HAS_UPDATE : 0) | (message.origin ? HAS_ORIGIN : 0) | (message.echo ? ECHO : 0) | (message.at !== undefined ? HAS_TIME : 0);
  encoding.writeUint8(encoder, flags);
  encoding.writeVarUint(encoder, message.seq);
  if (message.at !== undefined) encoding.writeVarUint(encoder, Math.max(0, Math.floor(message.at)));
  if (message.origin) writeOrigin(encoder, message.origin);
  if (message.update) encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
}

export function encodeForwarded(message: ForwardedMessage): Uint8Array {
  const encoder = header(KIND_FORWARDED, message.doc);
  writeOrigin(encoder, message.origin);
  encoding.writeVarString(encoder, JSON.stringify(message.context) ?? "null");
  encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
}

export function encodeCompacted(message: CompactedMessage): Uint8Array {
  const encoder = header(KIND_COMPACTED, message.doc);
  encoding.writeVarUint(encoder, message.throughSeq);
  return encoding.toUint8Array(encoder);
}

export function encodeAccount(message: AccountMessage): Uint8Array {
  const encoder = header(KIND_ACCOUNT, message.doc);
  encoding.writeVarString(encoder, message.userId);
  return encoding.toUint8Array(encoder);
}

/**
 * Reads one frame; throws `MalformedFrameError` for anything but a whole, well-formed frame
 * of this version. The update bytes are copied: the transport may reuse its buffer.
 */
export function decodeFrame(bytes: Uint8Array): Frame {
  try {
    const decoder = decoding.createDecoder(bytes);
    const version = decoding.readUint8(decoder);
    if (version !== FRAME_VERSION) throw new MalformedFrameError(`unknown frame version ${version}`);
    const kind = decoding.readUint8(decoder);
    const doc = decoding.readVarString(decoder);
    const frame = readBody(decoder, kind, doc);
    if (decoding.hasContent(decoder)) throw new MalformedFrameError("trailing bytes after the frame");
    return frame;
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error;
    throw new MalformedFrameError(error instanceof Error ? error.message : String(error));
  }
}

function readBody(decoder: decoding.Decoder, kind: number, doc: string): Frame {
  switch (kind) {
    case KIND_COMMITTED: {
      const flags = decoding.readUint8(decoder);
      if ((flags & ~KNOWN_FLAGS) !== 0) throw new MalformedFrameError(`unknown flags ${flags}`);
      const message: CommittedMessage = { doc, seq: decoding.readVarUint(decoder) };
      if (flags & HAS_TIME) message.at = decoding.readVarUint(decoder);
      if (flags & HAS_ORIGIN) message.origin = readOrigin(decoder);
      if (flags & HAS_UPDATE) message.update = decoding.readVarUint8Array(decoder).slice();
      if (flags & ECHO) message.echo = true;
      return { kind: "committed", message };
    }
    case KIND_FORWARDED: {
      const origin = readOrigin(decoder);
      const context: unknown = JSON.parse(decoding.readVarString(decoder));
      const update = decoding.readVarUint8Array(decoder).slice();
      return { kind: "forwarded", message: { doc, origin, context, update } };
    }
    case KIND_COMPACTED:
      return { kind: "compacted", message: { doc, throughSeq: decoding.readVarUint(decoder) } };
    case KIND_ACCOUNT:
      return { kind: "account", message: { doc, userId: decoding.readVarString(decoder) } };
    default:
      throw new MalformedFrameError(`unknown frame kind ${kind}`);
  }
}

function header(kind: number, doc: string): encoding.Encoder {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, FRAME_VERSION);
  encoding.writeUint8(encoder, kind);
  encoding.writeVarString(encoder, doc);
  return encoder;
}

function writeOrigin(encoder: encoding.Encoder, origin: RemoteOrigin): void {
  encoding.writeVarString(encoder, origin.instance);
  encoding.writeVarString(encoder, origin.connection);
}

function readOrigin(decoder: decoding.Decoder): RemoteOrigin {
  return { instance: decoding.readVarString(decoder), connection: decoding.readVarString(decoder) };
}

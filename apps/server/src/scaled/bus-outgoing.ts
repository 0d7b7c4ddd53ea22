import { encodeAccount, encodeCommitted, encodeCompacted, encodeForwarded } from "./bus-frame";
import { ACCOUNTS_DOC, type CommittedMessage, type CompactedMessage, type ForwardedMessage } from "./roster-bus";
import { BusMessageTooLargeError } from "./roster-bus";

/** Size bounds of what one instance puts on the bus. */
export interface BusLimits {
  /**
   * A committed update above this goes without its bytes (readers fetch it from the store):
   * one huge import must not fill every subscriber's Redis output buffer.
   */
  maxUpdateBytes: number;
  /**
   * A forwarded update above this is refused: the owner has no other way to get it, so the
   * caller must handle it (Redis's `client-output-buffer-limit pubsub` must stay above it).
   */
  maxForwardBytes: number;
}

export const DEFAULT_BUS_LIMITS: BusLimits = { maxUpdateBytes: 256 * 1024, maxForwardBytes: 8 * 1024 * 1024 };

/** Document names are roster ids with a prefix; a longer one is a caller's bug. */
const MAX_NAME_BYTES = 512;
/** The authenticated user as JSON: a few ids and a role. */
const MAX_CONTEXT_BYTES = 64 * 1024;

/** Where each kind of message of a document travels. */
export interface BusChannels {
  /** Committed and compacted messages. */
  docChannel(doc: string): string;
  /** Forwarded updates, read by the owner only. */
  forwardChannel(doc: string): string;
  /** Account changes, read by every instance. */
  accountChannel(): string;
}

export function busChannels(prefix: string): BusChannels {
  return { docChannel: (doc) => `${prefix}c:${doc}`, forwardChannel: (doc) => `${prefix}f:${doc}`, accountChannel: () => `${prefix}a` };
}

export interface OutgoingFrame {
  channel: string;
  frame: Uint8Array;
}

export function committedFrame(channels: BusChannels, limits: BusLimits, message: CommittedMessage): OutgoingFrame {
  checkName(message.doc);
  checkSeq(message.seq);
  if (message.origin) checkOrigin(message.origin.instance, message.origin.connection);
  const fits = message.update !== undefined && message.update.byteLength <= limits.maxUpdateBytes;
  const sent: CommittedMessage = fits ? message : withoutUpdate(message);
  return { channel: channels.docChannel(message.doc), frame: encodeCommitted(sent) };
}

export function forwardedFrame(channels: BusChannels, limits: BusLimits, message: ForwardedMessage): OutgoingFrame {
  checkName(message.doc);
  checkOrigin(message.origin.instance, message.origin.connection);
  if (message.update.byteLength > limits.maxForwardBytes) {
    throw new BusMessageTooLargeError(`forwarded update of ${message.update.byteLength} bytes exceeds ${limits.maxForwardBytes}`);
  }
  const context = JSON.stringify(message.context) ?? "null";
  if (Buffer.byteLength(context) > MAX_CONTEXT_BYTES) throw new BusMessageTooLargeError("forwarded context too large");
  return { channel: channels.forwardChannel(message.doc), frame: encodeForwarded(message) };
}

export function compactedFrame(channels: BusChannels, message: CompactedMessage): OutgoingFrame {
  checkName(message.doc);
  checkSeq(message.throughSeq);
  return { channel: channels.docChannel(message.doc), frame: encodeCompacted(message) };
}

export function accountFrame(channels: BusChannels, userId: string): OutgoingFrame {
  checkName(userId);
  return { channel: channels.accountChannel(), frame: encodeAccount({ doc: ACCOUNTS_DOC, userId }) };
}

function withoutUpdate(message: CommittedMessage): CommittedMessage {
  const { update: _dropped, ...rest } = message;
  return rest;
}

function checkName(...names: string[]): void {
  for (const name of names) {
    if (name === "" || Buffer.byteLength(name) > MAX_NAME_BYTES) {
      throw new BusMessageTooLargeError(`a name must have 1..${MAX_NAME_BYTES} bytes`);
    }
  }
}

const checkOrigin = checkName;

function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`sequence number must be a non-negative integer, got ${seq}`);
}

// CSV files arrive as bytes in whatever the machine that saved them used: UTF-8 (with a
// BOM from Excel's "CSV UTF-8", without one from phones and Google Sheets), UTF-16 from
// Excel's "Unicode text", or the Windows code page of a Vietnamese PC (Windows-1258).
// Files typed with the old TCVN3 / VNI fonts were saved by a Western code page: their
// bytes are Latin-1 letters that only the font showed as Vietnamese.
import { detectLegacyEncodingIn } from "@roster/rules";
import type { TextEncodingName } from "./raw-table";

interface Decoder {
  decode(input: Uint8Array): string;
}
type DecoderConstructor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;

// The WHATWG TextDecoder exists in browsers, workers and Node (windows-1258 needs Node's
// full ICU, the default build). The isomorphic tsconfig has neither DOM nor Node types,
// so it is reached through globalThis with the small type above.
function decoder(label: string, fatal = false): Decoder {
  const Ctor = (globalThis as unknown as { TextDecoder: DecoderConstructor }).TextDecoder;
  return new Ctor(label, { fatal, ignoreBOM: true });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Text decoded from a file's bytes, and how. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const FIELD_BREAK = /[,;\t\r\n"]+/;

/**
 * Decodes the bytes of a text file: a BOM decides (UTF-8, UTF-16 LE/BE); else valid
 * UTF-8 is UTF-8; else the file is single-byte: read as Windows-1252 when the whole
 * file, so read, is TCVN3 or VNI text (the caller converts those fonts column by column),
 * otherwise as Windows-1258 in NFC. Judged over the whole file because a single short
 * name can read as a legacy font by chance; over a file of names it does not.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: decoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: decoder("utf-8", true).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: one of the single-byte code pages below.
  }
  const western = decoder("windows-1252").decode(bytes);
  if (detectLegacyEncodingIn(western.split(FIELD_BREAK)) !== null) return { text: western, encoding: "windows-1252" };
  return { text: decoder("windows-1258").decode(bytes).normalize("NFC"), encoding: "windows-1258" };
}

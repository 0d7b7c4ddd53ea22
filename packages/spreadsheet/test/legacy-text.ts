// Test support: Vietnamese text written the way old files hold it, to build fixtures.
// The legacy fonts are inverted from the rules' own decoders (so the fixtures are exactly
// what the importer must read back); Windows-1258 from the platform's TextDecoder.
import { tcvn3ToUnicode, vniToUnicode } from "@roster/rules";

const LATIN1 = Array.from({ length: 0xff - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
// VNI's mark bytes exist in both cases; files typed in lower case use the lower-case ones.
const MARKS_LOWER_FIRST = [...LATIN1].sort((a, b) => Number(b >= "\u00E0") - Number(a >= "\u00E0"));

function invert(decode: (s: string) => string, candidates: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const text of candidates) {
    const decoded = decode(text);
    if (decoded !== text && [...decoded].length === 1 && !map.has(decoded)) map.set(decoded, text);
  }
  return map;
}

const TCVN3 = invert(tcvn3ToUnicode, LATIN1);
// VNI writes a letter as a base letter plus one or two mark bytes ("eã" → "ễ").
const VNI = invert(vniToUnicode, [...LATIN1, ...LATIN1.flatMap((base) => MARKS_LOWER_FIRST.map((mark) => base + mark))]);

function encodeWith(map: ReadonlyMap<string, string>, s: string): string {
  return [...s.normalize("NFC")].map((ch) => map.get(ch) ?? ch).join("");
}

/** Unicode Vietnamese as TCVN3 text read as Latin-1 ("Nguyễn Văn An" → "NguyÔn V¨n An"). */
export function toTcvn3(s: string): string {
  return encodeWith(TCVN3, s);
}

/** Unicode Vietnamese as VNI text read as Latin-1 ("Nguyễn Văn An" → "Nguyeãn Vaên An"). */
export function toVni(s: string): string {
  return encodeWith(VNI, s);
}

/** Latin-1 text as bytes (how a Western code page saved a TCVN3 / VNI file). */
export function latin1Bytes(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not Latin-1: ${ch}`);
    return code;
  }));
}

const CP1258 = (() => {
  const decoder = new TextDecoder("windows-1258");
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const ch = decoder.decode(Uint8Array.of(byte));
    if (!table.has(ch)) table.set(ch, byte);
  }
  return table;
})();
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

/** Vietnamese as Windows-1258 bytes: letters with circumflex, breve or horn precomposed,
 * tone marks as combining bytes after them (how Windows writes it). */
export function windows1258Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const cluster of s.normalize("NFD").match(/\P{M}\p{M}*/gu) ?? []) {
    const marks = [...cluster];
    const base = marks.filter((m) => !TONE.test(m)).join("").normalize("NFC");
    for (const ch of base + marks.filter((m) => TONE.test(m)).join("")) {
      const byte = CP1258.get(ch);
      if (byte === undefined) throw new Error(`not in Windows-1258: ${ch}`);
      out.push(byte);
    }
  }
  return Uint8Array.from(out);
}

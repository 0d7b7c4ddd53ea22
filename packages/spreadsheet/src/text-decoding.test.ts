import { describe, expect, it } from "vitest";
import { latin1Bytes, toTcvn3, toVni, windows1258Bytes } from "../test/legacy-text";
import { decodeText } from "./text-decoding";

const LIST = "Họ và tên,Ngày sinh\nNguyễn Văn An,04/03/2015\nTrần Thị Hương,05/06/2016\nĐặng Thu Trang,01/06/2016\n";

describe("decodeText", () => {
  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(LIST)]);
    expect(decodeText(bytes)).toEqual({ text: LIST, encoding: "utf-8-bom" });
  });

  it("reads UTF-8 without a BOM (a phone, Google Sheets)", () => {
    expect(decodeText(new TextEncoder().encode(LIST))).toEqual({ text: LIST, encoding: "utf-8" });
  });

  it("reads UTF-16 LE with its BOM (Excel's Unicode text)", () => {
    const bytes = new Uint8Array(2 + LIST.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < LIST.length; i++) {
      bytes[2 + i * 2] = LIST.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = LIST.charCodeAt(i) >> 8;
    }
    expect(decodeText(bytes)).toEqual({ text: LIST, encoding: "utf-16le" });
  });

  it("reads Windows-1258 (a Vietnamese Windows PC) into NFC", () => {
    const decoded = decodeText(windows1258Bytes(LIST));
    expect(decoded.encoding).toBe("windows-1258");
    expect(decoded.text).toBe(LIST);
    expect(decoded.text).toBe(decoded.text.normalize("NFC"));
  });

  it.each([
    ["TCVN3", toTcvn3],
    ["VNI", toVni],
  ])("reads a %s file as the Latin-1 text its font showed, for the columns to convert", (_, encode) => {
    const legacy = encode(LIST);
    const decoded = decodeText(latin1Bytes(legacy));
    expect(decoded).toEqual({ text: legacy, encoding: "windows-1252" });
  });
});

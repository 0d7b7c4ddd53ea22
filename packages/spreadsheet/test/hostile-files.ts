// Test support: workbooks an attacker would send, built as raw OOXML parts with JSZip
// (exceljs itself would create every merged cell while writing one). The server's
// integration tests upload the same files.
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lop 1A" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_OPEN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** A header and two children: what a school sends. */
const LIST_ROWS = [
  `<row r="1">${inline("A1", "STT")}${inline("B1", "Họ và tên")}${inline("C1", "Ngày sinh")}</row>`,
  `<row r="2">${inline("A2", "1")}${inline("B2", "Nguyễn Văn An")}${inline("C2", "14/03/2015")}</row>`,
  `<row r="3">${inline("A3", "2")}${inline("B3", "Trần Thị Bình")}${inline("C3", "02/07/2016")}</row>`,
].join("");

async function workbook(sheet: string | Uint8Array): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2025, 8, 5));
  zip.file("[Content_Types].xml", CONTENT_TYPES, { date });
  zip.file("_rels/.rels", ROOT_RELS, { date });
  zip.file("xl/workbook.xml", WORKBOOK, { date });
  zip.file("xl/_rels/workbook.xml.rels", WORKBOOK_RELS, { date });
  zip.file("xl/worksheets/sheet1.xml", sheet, { date });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** The list with its first row merged over `mergeRef`: `A1:C1` is a real title, `A1:XFD1048576` the 1.7 kB crash. */
export function mergedListXlsx(mergeRef: string, dimension = "A1:C3"): Promise<Uint8Array> {
  return workbook(`${SHEET_OPEN}<dimension ref="${dimension}"/><sheetData>${LIST_ROWS}</sheetData><mergeCells count="1"><mergeCell ref="${mergeRef}"/></mergeCells></worksheet>`);
}

/** The list with one more cell of `expandedBytes` letters: a few hundred kB that inflate to that size. */
export function expandingXlsx(expandedBytes: number): Promise<Uint8Array> {
  const head = new TextEncoder().encode(`${SHEET_OPEN}<sheetData>${LIST_ROWS}<row r="4"><c r="B4" t="inlineStr"><is><t>`);
  const tail = new TextEncoder().encode(`</t></is></c></row></sheetData></worksheet>`);
  const sheet = new Uint8Array(head.length + expandedBytes + tail.length);
  sheet.set(head);
  sheet.fill(0x41, head.length, head.length + expandedBytes);
  sheet.set(tail, head.length + expandedBytes);
  return workbook(sheet);
}

/** The list with one child on the last row Excel has: a million rows for exceljs to walk. */
export function farRowXlsx(): Promise<Uint8Array> {
  return workbook(`${SHEET_OPEN}<sheetData>${LIST_ROWS}<row r="1048576">${inline("B1048576", "Lê Văn Cường")}</row></sheetData></worksheet>`);
}

/** A CSV list of `rows` children (header first). */
export function longCsv(rows: number): Uint8Array {
  const lines = ["STT,Họ và tên,Ngày sinh"];
  for (let i = 1; i <= rows; i++) lines.push(`${i},Trẻ ${i},01/01/2016`);
  return new TextEncoder().encode(lines.join("\r\n"));
}

// The handover list as a self-contained HTML page for printing on A4 from the app, offline:
// inline CSS, no fonts, images or scripts to fetch. Laid out as Vietnamese administrative
// documents are (Decree 30/2020): issuing body top left, national heading top right,
// place and date, title, table, signature blocks.
import type { HandoverList } from "./export-handover-list";
import { EXPORT_WORDS } from "./messages";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const STYLE = `
@page { size: A4 portrait; margin: 20mm 15mm 20mm 25mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; color: #000; margin: 0; }
.heading { display: flex; justify-content: space-between; text-align: center; }
.heading > div { flex: 0 0 auto; }
.issuer p, .nation p { margin: 0; }
.issuer p:last-child, .nation p { font-weight: bold; }
.nation .motto { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
.place-date { text-align: right; font-style: italic; margin: 8pt 0 12pt; }
h1 { font-size: 14pt; text-align: center; margin: 0; }
.subtitle { text-align: center; margin: 2pt 0 10pt; font-weight: bold; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; }
th { text-align: center; vertical-align: middle; }
td.number, td.date, td.id { text-align: center; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.total { margin: 6pt 0 0; }
.signatures { display: flex; justify-content: space-around; text-align: center; margin-top: 14pt; break-inside: avoid; }
.signatures p { margin: 0; }
.signatures .role { font-weight: bold; }
.signatures .hint { font-style: italic; }
.signatures .space { height: 28mm; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 12mm; } }
`;

/**
 * The printable handover document: a complete HTML page (A4 portrait, print CSS, the table
 * header repeated on every page, rows never split across pages) with the issuing body and
 * the national heading ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh
 * phúc"), the place and date, title, table, the number of children, and signature blocks
 * for the receiving officer and the commune police. All text is escaped.
 */
export function handoverHtml(list: HandoverList): string {
  const { table } = list;
  const head = table.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join("");
  const body = table.rows
    .map((row) => `<tr>${row.map((value, i) => `<td class="${table.columns[i]?.kind ?? "text"}">${escapeHtml(String(value ?? ""))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${list.title} - ${list.subtitle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="heading">
<div class="issuer">${list.issuer.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}</div>
<div class="nation"><p>${escapeHtml(EXPORT_WORDS.nation)}</p><p class="motto">${escapeHtml(EXPORT_WORDS.motto)}</p></div>
</div>
<p class="place-date">${escapeHtml(list.placeAndDate)}</p>
<h1>${escapeHtml(list.title)}</h1>
<p class="subtitle">${escapeHtml(list.subtitle)}</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="total">${escapeHtml(EXPORT_WORDS.total(table.rows.length))}</p>
<div class="signatures">
<div><p class="role">${escapeHtml(EXPORT_WORDS.receiverTitle)}</p><p class="hint">${escapeHtml(EXPORT_WORDS.signHint)}</p><div class="space"></div></div>
<div><p class="role">${escapeHtml(list.policeTitle)}</p><p class="hint">${escapeHtml(EXPORT_WORDS.sealHint)}</p><div class="space"></div></div>
</div>
</body>
</html>
`;
}

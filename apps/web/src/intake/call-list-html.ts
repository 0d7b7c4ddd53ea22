import type { CallListEntry } from "@roster/doc";
import type { IntakeSession } from "@roster/schema";
import { escapeHtml } from "@roster/spreadsheet";
import type { MessageKey } from "../i18n/messages";
import type { MessageParams } from "../i18n/translate";
import { remindersOf, tasksOf } from "./child-tasks";

// A session's call list as a self-contained HTML page for printing on A4 from the app,
// offline: inline CSS, nothing to fetch, no script. Laid out as Vietnamese administrative
// lists are: the national heading, the title, the session, the table (its header repeated
// on every page, rows never split), the total and two signature blocks.

/** What the page shows. */
export interface CallListDocument {
  readonly rosterName: string;
  readonly session: IntakeSession;
  readonly entries: readonly CallListEntry[];
  /** When the list was made, already formatted for people. */
  readonly madeAt: string;
}

/** The app's words, in the language the person uses. */
export interface PrintWords {
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** `YYYY-MM-DD` as people write it. */
  readonly date: (iso: string | null | undefined) => string;
}


const STYLE = `
@page { size: A4 landscape; margin: 15mm 12mm 15mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; color: #000; margin: 0; background: #fff; }
.nation { text-align: center; }
.nation p { margin: 0; font-weight: bold; }
.nation .motto { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
h1 { font-size: 14pt; text-align: center; margin: 12pt 0 2pt; }
.meta { text-align: center; margin: 0; }
.cancelled { text-align: center; font-weight: bold; font-size: 14pt; border: 2px solid #000; padding: 2pt; margin: 6pt auto; width: 60%; }
.bring { margin: 6pt 0 8pt; font-style: italic; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; }
th { text-align: center; vertical-align: middle; }
td.no, td.dob, td.phone { text-align: center; white-space: nowrap; }
td.tick { text-align: center; font-size: 14pt; width: 18mm; }
td.todo .remind { font-style: italic; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.total { margin: 6pt 0 0; }
.made { margin: 0; font-style: italic; text-align: right; }
.signatures { display: flex; justify-content: space-around; text-align: center; margin-top: 10pt; break-inside: avoid; }
.signatures p { margin: 0; }
.signatures .role { font-weight: bold; }
.signatures .hint { font-style: italic; }
.signatures .space { height: 22mm; }
@media screen { body { max-width: 297mm; margin: 0 auto; padding: 10mm; } }
`;

function row(entry: CallListEntry, words: PrintWords): string {
  const { child, representative } = entry;
  const { t } = words;
  const tasks = tasksOf(child).map((task) => t(`intake.task.${task}`));
  const todo = tasks.length > 0 ? tasks : [t("intake.task.none")];
  const reminders = remindersOf(child, representative).map((r) => t(`intake.remind.${r}`));
  const rep = representative
    ? `${representative.guardian.fullName ?? ""} (${t(`value.${representative.relation}`)})`
    : "";
  const cells: Array<[string, string]> = [
    ["no", String(entry.no)],
    ["name", escapeHtml(child.fullName ?? "")],
    ["dob", escapeHtml(words.date(child.dob))],
    ["village", escapeHtml(child.village ?? "")],
    ["rep", escapeHtml(rep)],
    ["phone", escapeHtml(representative?.guardian.phone ?? "")],
    [
      "todo",
      escapeHtml(todo.join("; ")) + (reminders.length > 0 ? `<br><span class="remind">${escapeHtml(reminders.join("; "))}</span>` : ""),
    ],
    ["tick", entry.attendance?.came === true ? "✓" : ""],
  ];
  return `<tr>${cells.map(([kind, html]) => `<td class="${kind}">${html}</td>`).join("")}</tr>`;
}

/**
 * The printable call list: a complete HTML page (A4 landscape). Every value from the
 * document is escaped: names and notes come from people and outside clients.
 */
export function callListHtml(doc: CallListDocument, words: PrintWords): string {
  const { t } = words;
  const { session } = doc;
  const when = t("intake.when", { date: words.date(session.date), start: session.start, end: session.end });
  const headers = ["no", "name", "dob", "village", "representative", "phone", "todo", "tick"] as const;
  const head = headers.map((h) => `<th>${escapeHtml(t(`intake.doc.${h}`))}</th>`).join("");
  return `<!doctype html>
<html lang="${t("intake.doc.lang")}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${t("intake.callList")} - ${when}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="nation"><p>${escapeHtml(t("intake.doc.nation"))}</p><p class="motto">${escapeHtml(t("intake.doc.motto"))}</p></div>
<h1>${escapeHtml(t("intake.doc.title"))}</h1>
<p class="meta">${escapeHtml(t("intake.doc.roster", { roster: doc.rosterName }))}</p>
<p class="meta">${escapeHtml(t("intake.doc.session", { when, place: session.place }))}</p>
${session.note ? `<p class="meta">${escapeHtml(session.note)}</p>` : ""}
${session.cancelled ? `<p class="cancelled">${escapeHtml(t("intake.doc.cancelled"))}</p>` : ""}
<p class="bring">${escapeHtml(t("intake.doc.bring"))}</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${doc.entries.map((entry) => row(entry, words)).join("\n")}
</tbody>
</table>
<p class="total">${escapeHtml(t("intake.doc.total", { n: doc.entries.length, capacity: session.capacity }))}</p>
<p class="made">${escapeHtml(t("intake.doc.madeAt", { time: doc.madeAt }))}</p>
<div class="signatures">
<div><p class="role">${escapeHtml(t("intake.doc.maker"))}</p><p class="hint">${escapeHtml(t("intake.doc.signHint"))}</p><div class="space"></div></div>
<div><p class="role">${escapeHtml(t("intake.doc.officer"))}</p><p class="hint">${escapeHtml(t("intake.doc.signHint"))}</p><div class="space"></div></div>
</div>
</body>
</html>
`;
}

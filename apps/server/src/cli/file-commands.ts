import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import * as Y from "yjs";
import { RosterRecords, cleanFileName } from "@roster/doc";
import { ExportFormatSchema, ExportListSchema, ExportQuerySchema, StatusSchema, type AuditEntry, type Roster } from "@roster/schema";
import { foldName, isoDateInVietnam } from "@roster/rules";
import { observeAudit } from "../audit/audit-recorder";
import { BadRequestError, NotFoundError } from "../errors";
import { commitImportPlan } from "../imports/apply-roster-import";
import { parseMappingField, planRosterImport } from "../imports/plan-roster-import";
import { MAX_IMPORT_BYTES, readImportFile } from "../imports/read-import-file";
import { SpreadsheetReader } from "../imports/spreadsheet-reader";
import { sheetChoice } from "../imports/sheet-choice";
import { rosterExport } from "../reports/roster-export";
import type { Store } from "../storage/store";
import { syncDocName } from "../sync";
import { flag, optionalFlag, type ParsedArgs } from "./args";
import { loadStoredDoc, readStoredRoster } from "../rosters/stored-roster";

/** The actor of changes made from the operator CLI (there is no login). */
const CLI_USER = { id: "cli", username: "cli", displayName: "Dòng lệnh quản trị / Operator CLI" };

async function rosterOf(store: Store, id: string): Promise<Roster> {
  const roster = await store.getRoster(id);
  if (!roster) throw new NotFoundError(`Không có danh sách / No such roster: ${id}`);
  return roster;
}

/**
 * `import --roster ID FILE [--preview] [--mapping JSON] [--sheet NAME ...] [--by NAME]`: the same reading,
 * planning and one-transaction commit as `POST /api/rosters/:id/import`, on the document
 * as stored; the change is appended to the store as one update, and its audit entries
 * (user `cli` or `--by`, source the file name) in the same run. The server must not be
 * running on this DATA_DIR (its loaded copy would not see the change): use the API then.
 */
export async function importCommand(store: Store, args: ParsedArgs, now: () => Date): Promise<string> {
  const roster = await rosterOf(store, flag(args, "roster"));
  // `--preview FILE` reads as a flag with a value: take it as the file.
  const previewValue = optionalFlag(args, "preview");
  const path = args.words[1] ?? (previewValue !== undefined && previewValue !== "true" ? previewValue : undefined);
  if (!path) throw new BadRequestError("Thiếu tệp cần nhập / Missing the file to import", "missing_file");
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new NotFoundError(`Không tìm thấy tệp / File not found: ${path}`);
  }
  if (size > MAX_IMPORT_BYTES) throw new BadRequestError(`Tệp quá lớn (tối đa 10 MB) / File too large (at most 10 MB): ${path}`, "too_large");
  const fileName = cleanFileName(basename(path));
  const table = await readImportFile(new SpreadsheetReader(), new Uint8Array(readFileSync(path)), fileName, { sheets: sheetChoice(args.flags.get("sheet") ?? [], []) });
  const override = parseMappingField(optionalFlag(args, "mapping"));

  const name = syncDocName("records", roster.id);
  const doc = await loadStoredDoc(store, name);
  const records = new RosterRecords(doc, { now });
  try {
    const { plan } = planRosterImport(table, records, { asOf: isoDateInVietnam(now()), fileName, override });
    const place = (r: { row: number; sheet?: string }) => (r.sheet === undefined ? `${r.row}` : `${r.row} [${r.sheet}]`);
    const rejected = plan.rejected.map((r) => `  dòng / row ${place(r)}: ${r.reasons.map((x) => x.vi).join("; ")}`);
    const sheets = [
      ...(table.format === "csv" ? [] : [`Trang đã đọc / Sheets read: ${plan.sheets.join(", ")}`]),
      ...plan.skippedSheets.map((s) => `  trang bỏ qua / sheet skipped ${s.name}: ${s.reason.vi}`),
    ];
    if (args.flags.has("preview")) {
      return [
        `Xem trước / Preview ${fileName}: thêm / add ${plan.add.length}, cập nhật / update ${plan.update.length}, không đổi / unchanged ${plan.unchanged.length}, bị loại / rejected ${plan.rejected.length}, bỏ qua / skipped ${plan.skipped.length}`,
        ...sheets,
        ...rejected,
        ...plan.skipped.map((s) => `  bỏ qua / skipped ${place(s)}: ${s.reason.vi}`),
        ...plan.issues.filter((i) => i.review === "date").map((i) => `  ngày cần kiểm tra / date to check ${place(i)}: ${i.message.vi}`),
      ].join("\n");
    }
    const by = optionalFlag(args, "by");
    const user = by ? { ...CLI_USER, username: `cli:${by}`, displayName: by } : CLI_USER;
    const audit: AuditEntry[] = [];
    const stopAudit = observeAudit(doc, (entries) => audit.push(...entries), now);
    const before = Y.encodeStateVector(doc);
    const result = commitImportPlan(doc, records, plan, user, now().toISOString());
    stopAudit();
    const update = Y.encodeStateAsUpdate(doc, before);
    if (audit.length > 0 || result.added + result.updated > 0) {
      await store.appendUpdate(name, update, { rosterId: roster.id, entries: audit });
    }
    return [
      `Đã nhập / Imported ${fileName} → ${roster.id}: thêm / added ${result.added}, cập nhật / updated ${result.updated}, bị loại / rejected ${result.rejected.length}`,
      ...sheets,
      ...rejected,
    ].join("\n");
  } finally {
    records.destroy();
    doc.destroy();
  }
}

/** The flag `--name` if given, refused unless it is one of `options`. */
function choiceFlag(args: ParsedArgs, name: string, options: readonly string[]): string | undefined {
  const value = optionalFlag(args, name);
  if (value !== undefined && !options.includes(value)) throw new BadRequestError(`--${name} phải là / must be ${options.join("|")}`, "bad_flag");
  return value;
}

/**
 * `export --roster ID --format xlsx|csv|html [--status S] [--list cleaned|problems|handover]
 * [--out FILE]`: the same files as `GET /api/rosters/:id/export`, with statuses evaluated
 * now from the stored records and police verifications. Without `--out` the file is
 * written to the current folder under an ASCII form of its Vietnamese name.
 */
export async function exportCommand(store: Store, args: ParsedArgs, now: () => Date): Promise<string> {
  const roster = await rosterOf(store, flag(args, "roster"));
  const query = ExportQuerySchema.safeParse({
    format: choiceFlag(args, "format", ExportFormatSchema.options),
    list: choiceFlag(args, "list", ExportListSchema.options),
    status: choiceFlag(args, "status", StatusSchema.options),
  });
  if (!query.success) throw new BadRequestError(query.error.issues.map((i) => i.message).join("; "), "bad_flag");
  const { format, list, status } = query.data;

  const asOf = isoDateInVietnam(now());
  const { records, markings, destroy } = await readStoredRoster(store, roster.id, asOf);
  try {
    const file = await rosterExport({
      roster,
      communeName: (await store.getCommune(roster.commune))?.name ?? roster.commune,
      records,
      markings,
      asOf,
      list,
      format,
      status,
    });
    const out = resolve(optionalFlag(args, "out") ?? `${foldName(file.name).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")}.${format}`);
    writeFileSync(out, file.body);
    return `Đã xuất / Exported ${file.rows} trẻ / children → ${out}`;
  } finally {
    destroy();
  }
}

import { Hono } from "hono";
import { cleanFileName, type RosterRecords } from "@roster/doc";
import { ReconcileDecisionsSchema, type ReconcileDecisions, type ReconcilePreview, type ReconcileResult } from "@roster/schema";
import { linkedGuardian } from "@roster/rules";
import { assertCanVerify } from "../auth/access";
import { BadRequestError } from "../errors";
import { describeMapping, parseMappingField } from "../imports/plan-roster-import";
import { MAX_IMPORT_BYTES, readImportFile } from "../imports/read-import-file";
import { previewReconcile, readRosterExtract, writeReconcile } from "../reconcile/reconcile-roster";
import { reconcileStamps } from "../reconcile/verify-reconciled";
import type { Store } from "../storage/store";
import { SERVER_ORIGIN } from "../sync";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";

/**
 * `POST /api/rosters/:id/reconcile` (police only; multipart `file`, optional `mapping`):
 * the roster compared with an extract of the national population database (DESIGN.md
 * "Reconciliation"). `?preview=1` answers the groups and writes nothing; otherwise the
 * `decisions` field says what police ticked, and the answer says what was done and refused.
 */
export function reconcileRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub, now } = deps;
  const app = new Hono<AppEnv>();

  // The body's size is capped before this runs (`limitBodies`, UPLOAD_BODY_BYTES).
  app.post(
    "/:id/reconcile",
    async (c) => {
      const user = c.var.user;
      const roster = await rosterFor(user, c.req.param("id"), store);
      assertCanVerify(user, roster);
      let form: Record<string, string | File>;
      try {
        form = (await c.req.parseBody()) as Record<string, string | File>;
      } catch {
        throw new BadRequestError("Cần gửi tệp dạng multipart/form-data / Send the file as multipart/form-data", "invalid_form");
      }
      const file = form.file;
      if (!(file instanceof File)) throw new BadRequestError("Thiếu tệp (trường file) / Missing the file (field file)", "missing_file");
      if (file.size > MAX_IMPORT_BYTES) throw new BadRequestError("Tệp quá lớn / File too large", "too_large");
      const preview = ["1", "true"].includes(c.req.query("preview") ?? "");
      const decisions = preview ? undefined : parseDecisions(form.decisions);
      const override = parseMappingField(form.mapping);
      const fileName = cleanFileName(file.name || "trich-xuat");
      const table = await readImportFile(deps.spreadsheets, new Uint8Array(await file.arrayBuffer()), fileName);
      const asOf = hub.asOf();
      const read = readRosterExtract(table, { asOf, override });
      const rosterRoom = hub.roster(roster);
      const records = await rosterRoom.records();

      if (decisions === undefined) {
        const groups = previewReconcile(records, read.extract, asOf);
        await addWhoChanged(groups, records, store, roster.id);
        return c.json({
          file: { name: fileName, format: table.format, sheet: table.sheet, rows: table.rows.length },
          header: read.header,
          mapping: describeMapping(read.header, read.mapping, read.guessed),
          skipped: read.extract.skipped,
          ...groups,
        });
      }

      const source = `reconcile:${fileName}`;
      const context = { user: { id: user.id, username: user.username, ...(user.displayName ? { displayName: user.displayName } : {}) }, source };
      // Planned and written with no await in between: against the roster exactly as it is.
      const { plan, writes } = await rosterRoom.change((write) => writeReconcile(records, read.extract, decisions, context, { asOf, village: roster.name, transact: write }));
      const markings = await hub.markNow(roster.id);
      const at = now().toISOString();
      const stamped = reconcileStamps(records, markings, plan.verify, { id: user.id, username: user.username, name: user.displayName || user.username, source, at });
      if (stamped.stamps.size > 0) {
        const review = await hub.review(roster.id);
        review.room.write(() => {
          for (const [childId, stamp] of stamped.stamps) review.review.setVerification(childId, stamp, SERVER_ORIGIN);
        });
        await store.appendAudit(roster.id, stamped.audit);
        await hub.markNow(roster.id);
      }
      const result: ReconcileResult = { verified: stamped.stamps.size, updated: writes.updated, added: writes.added, refused: [...plan.refused, ...stamped.refused] };
      deps.logger.info("reconcile.applied", { rosterId: roster.id, user: user.username, verified: result.verified, updated: result.updated, added: result.added, refused: result.refused.length });
      return c.json(result);
    },
  );

  return app;
}

function parseDecisions(raw: unknown): ReconcileDecisions {
  if (typeof raw !== "string" || raw === "") {
    throw new BadRequestError("Thiếu quyết định (trường decisions) / Missing the decisions (field decisions)", "missing_decisions");
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequestError("Trường decisions không phải JSON hợp lệ / The decisions field is not valid JSON", "invalid_decisions");
  }
  const parsed = ReconcileDecisionsSchema.safeParse(json);
  if (!parsed.success) throw new BadRequestError("Trường decisions không hợp lệ / The decisions field is invalid", "invalid_decisions");
  return parsed.data;
}

/** Names, for each difference, who last changed the roster's value (from the audit). */
async function addWhoChanged(preview: ReconcilePreview, records: RosterRecords, store: Store, rosterId: string): Promise<void> {
  const guardians = records.guardiansById();
  for (const match of preview.matched) {
    if (match.differences.length === 0) continue;
    const child = records.getChild(match.childId);
    if (!child) continue;
    const last = new Map<string, string>();
    const note = async (recordId: string | null | undefined, prefix: string) => {
      if (!recordId) return;
      for (const entry of await store.listAudit(rosterId, { childId: recordId })) {
        if (entry.field !== "*" && entry.field !== "verification") last.set(`${prefix}${entry.field}`, entry.user);
      }
    };
    await note(child.id, "");
    if (match.differences.some((d) => d.field.startsWith("father."))) await note(linkedGuardian(child.fatherId, guardians)?.id, "father.");
    if (match.differences.some((d) => d.field.startsWith("mother."))) await note(linkedGuardian(child.motherId, guardians)?.id, "mother.");
    for (const difference of match.differences) {
      const who = last.get(difference.field);
      if (who) difference.changedBy = who;
    }
  }
}

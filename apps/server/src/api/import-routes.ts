import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cleanFileName } from "@roster/doc";
import { assertCanEdit } from "../auth/access";
import { BadRequestError } from "../errors";
import { commitImportPlan } from "../imports/apply-roster-import";
import { importPreview } from "../imports/import-preview";
import { planRosterImport, parseMappingField } from "../imports/plan-roster-import";
import { MAX_IMPORT_BYTES, readImportFile } from "../imports/read-import-file";
import { sheetChoice } from "../imports/sheet-choice";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";

/**
 * `POST /api/rosters/:id/import` (multipart: `file`, optional `mapping`, optional `sheet`
 * (repeatable) / `sheets` as form fields or query parameters): imports an XLSX, XLS or
 * CSV list into the roster as one change, recorded in the audit as coming from that file.
 * `?preview=1` answers what it would do and writes nothing.
 */
export function importRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub, now } = deps;
  const app = new Hono<AppEnv>();

  app.post(
    "/:id/import",
    bodyLimit({
      // The multipart envelope around the file is a few hundred bytes.
      maxSize: MAX_IMPORT_BYTES + 64 * 1024,
      onError: (c) =>
        c.json({ error: { code: "too_large", message: `Tệp quá lớn (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB) / File too large (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB)` } }, 413),
    }),
    async (c) => {
      const user = c.var.user;
      const roster = await rosterFor(user, c.req.param("id"), store);
      assertCanEdit(user, roster);
      let form: Record<string, string | File | (string | File)[]>;
      try {
        form = (await c.req.parseBody({ all: true })) as Record<string, string | File | (string | File)[]>;
      } catch {
        throw new BadRequestError("Cần gửi tệp dạng multipart/form-data / Send the file as multipart/form-data", "invalid_form");
      }
      const texts = (name: string) => [form[name] ?? []].flat().filter((v): v is string => typeof v === "string");
      const file = form.file;
      if (!(file instanceof File)) throw new BadRequestError("Thiếu tệp (trường file) / Missing the file (field file)", "missing_file");
      if (file.size > MAX_IMPORT_BYTES) throw new BadRequestError("Tệp quá lớn / File too large", "too_large");
      const override = parseMappingField(texts("mapping")[0]);
      const sheets = sheetChoice([...c.req.queries("sheet") ?? [], ...texts("sheet")], [...c.req.queries("sheets") ?? [], ...texts("sheets")]);
      const fileName = cleanFileName(file.name || "danh-sach");
      const table = await readImportFile(new Uint8Array(await file.arrayBuffer()), fileName, { sheets });

      const preview = ["1", "true"].includes(c.req.query("preview") ?? "");
      const room = hub.roster(roster);
      const records = await room.records();
      // From here to the commit nothing awaits: the plan is made against the document
      // exactly as the commit finds it.
      const planned = planRosterImport(table, records, { asOf: hub.asOf(), fileName, override });
      if (preview) return c.json(importPreview(table, planned));
      const result = await room.change((write) =>
        commitImportPlan(
          records.doc,
          records,
          planned.plan,
          { id: user.id, username: user.username, ...(user.displayName ? { displayName: user.displayName } : {}) },
          now().toISOString(),
          write,
        ),
      );
      deps.logger.info("import.committed", { rosterId: roster.id, user: user.username, added: result.added, updated: result.updated, rejected: result.rejected.length });
      return c.json(result);
    },
  );

  return app;
}

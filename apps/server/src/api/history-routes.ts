import { Hono } from "hono";
import { RecordIdSchema, type HistoryEntry } from "@roster/schema";
import { NotFoundError } from "../errors";
import { childHistory, guardianLinks } from "../history/child-history";
import type { AppDeps, AppEnv } from "./deps";
import { rosterFor } from "./roster-access";

/** Newest changes kept per record in one answer: years of a village's edits, bounded. */
const MAX_ENTRIES_PER_RECORD = 2000;
/** Guardians a child can have been linked to that one answer follows. */
const MAX_GUARDIANS = 12;

/** `GET /api/rosters/:id/children/:childId/history`: every role that sees the roster may read it. */
export function historyRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, hub } = deps;
  const app = new Hono<AppEnv>();

  app.get("/:id/children/:childId/history", async (c) => {
    const user = c.var.user;
    const roster = await rosterFor(user, c.req.param("id"), store);
    const childId = c.req.param("childId");
    if (!RecordIdSchema.safeParse(childId).success) throw new NotFoundError("Không có trẻ này / No such child");
    const records = await hub.records(roster.id);
    const child = records.getChild(childId);
    const childAudit = (await store.listAudit(roster.id, { childId, limit: MAX_ENTRIES_PER_RECORD })).filter((e) => e.kind !== "guardian");
    if (!child && childAudit.length === 0) throw new NotFoundError("Không có trẻ này trong danh sách / No such child in this roster");

    const guardianAudit = new Map<string, { link: string; entries: HistoryEntryAudit }>();
    const links = [...guardianLinks(child ?? {}, childAudit)].slice(0, MAX_GUARDIANS);
    for (const [guardianId, link] of links) {
      const entries = (await store.listAudit(roster.id, { childId: guardianId, limit: MAX_ENTRIES_PER_RECORD })).filter((e) => e.kind === "guardian");
      guardianAudit.set(guardianId, { link, entries });
    }
    const names = new Map((await store.listUsers(roster.commune)).map((u) => [u.username, u.displayName || u.username]));
    const history: HistoryEntry[] = childHistory(childAudit, guardianAudit, (username) => names.get(username) ?? username);
    return c.json(history);
  });

  return app;
}

type HistoryEntryAudit = Awaited<ReturnType<AppDeps["store"]["listAudit"]>>;

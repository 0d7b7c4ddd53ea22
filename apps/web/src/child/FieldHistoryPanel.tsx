import { createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { HistoryEntrySchema, type FieldValue, type HistoryEntry } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import type { RosterWorkspace } from "../roster/roster-workspace";
import { apiRequest } from "../session/api-client";
import { useApp } from "../session/app-services";
import { CHILD_SECTIONS } from "./field-specs";

const GUARDIAN_LINKS = [
  ["fatherId", "father"],
  ["motherId", "mother"],
  ["guardianId", "guardian"],
] as const;
const GUARDIAN_FIELDS = ["fullName", "dob", "gender", "pid", "phone", "vneid", "address"] as const;
const HistoryListSchema = HistoryEntrySchema.array();

/** A field the panel can show: the child's own, or a guardian's named by its link (`mother.phone`). */
interface FieldChoice {
  key: string;
  kind: "child" | "guardian";
  recordId: string;
  field: string;
  label: string;
}

/**
 * Who changed a field, when, from what to what, and from where. Online it reads the
 * server's full audit; offline (or when the server cannot be reached) it shows what this
 * device's edit log still holds, and says so.
 */
export function FieldHistoryPanel(props: { workspace: RosterWorkspace; rosterId: string; childId: string }) {
  const { t, time, date } = useI18n();
  const app = useApp();
  const [open, setOpen] = createSignal(false);
  const [selected, setSelected] = createSignal("dob");

  const choices = createMemo((): FieldChoice[] => {
    const child = props.workspace.model.snapshot().byId.get(props.childId)?.child;
    const own = CHILD_SECTIONS.flatMap((s) => s.fields.map((f) => f.field)).map(
      (field): FieldChoice => ({ key: field, kind: "child", recordId: props.childId, field, label: t(`field.${field}` as MessageKey) }),
    );
    const guardians = GUARDIAN_LINKS.flatMap(([link, role]) => {
      const id = child?.[link];
      if (!id) return [];
      return GUARDIAN_FIELDS.map(
        (field): FieldChoice => ({ key: `${role}.${field}`, kind: "guardian", recordId: id, field, label: `${t(`guardian.${role}`)}: ${t(`field.${field}` as MessageKey)}` }),
      );
    });
    return [...own, ...guardians];
  });
  const choice = () => choices().find((c) => c.key === selected()) ?? choices()[0];

  const [server, { refetch }] = createResource(
    () => (open() ? props.childId : undefined),
    async (childId): Promise<HistoryEntry[] | undefined> => {
      if (typeof navigator !== "undefined" && !navigator.onLine) return undefined;
      try {
        return await apiRequest(`/api/rosters/${encodeURIComponent(props.rosterId)}/children/${encodeURIComponent(childId)}/history`, {
          token: app.session()?.token ?? "",
          schema: HistoryListSchema,
        });
      } catch {
        return undefined;
      }
    },
  );

  // Back online: the server's full history replaces the device's.
  const onOnline = () => void refetch();
  window.addEventListener("online", onOnline);
  onCleanup(() => window.removeEventListener("online", onOnline));

  /** Rows for the chosen field: the server's when it answered, else the device's. */
  const rows = createMemo(() => {
    const c = choice();
    if (!c) return [];
    const list = server();
    if (list) {
      return list
        .filter((h) => h.field === c.key)
        .map((h) => ({ at: h.at, who: h.userName, from: h.from, to: h.to, source: sourceText(h.source) }));
    }
    props.workspace.model.snapshot();
    return props.workspace.model.records
      .fieldChanges(c.kind, c.recordId, c.field)
      .map((h) => ({ at: h.at, who: h.userName, from: h.from, to: h.to, source: t("history.source.device") }));
  });

  const sourceText = (source: string): string => {
    if (source.startsWith("import:")) return t("history.source.import", { file: source.slice("import:".length) });
    if (source.startsWith("reconcile:")) return t("history.source.reconcile", { file: source.slice("reconcile:".length) });
    if (source === "verify" || source === "server-repair" || source === "sync") return t(`history.source.${source}`);
    return source;
  };
  const shown = (value: FieldValue): string => {
    if (value === null || value === "") return t("history.empty");
    if (typeof value === "boolean") return value ? t("history.yes") : t("history.no");
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? date(value) : value;
  };

  return (
    <section class="editor-section field-history" aria-labelledby="field-history-title">
      <h3 id="field-history-title">{t("history.title")}</h3>
      <Show
        when={open()}
        fallback={
          <button type="button" onClick={() => setOpen(true)}>
            {t("history.open")}
          </button>
        }
      >
        <label for="field-history-field">{t("history.field")}</label>{" "}
        <select id="field-history-field" value={selected()} onChange={(e) => setSelected(e.currentTarget.value)}>
          <For each={choices()}>{(c) => <option value={c.key}>{c.label}</option>}</For>
        </select>
        <Show when={!server.loading}>
          <Show when={!server()}>
            <p class="hint" role="status">
              {t("history.deviceOnly")}
            </p>
          </Show>
          <Show when={rows().length > 0} fallback={<p class="empty">{t("history.none")}</p>}>
            <table class="history-table">
              <thead>
                <tr>
                  <th scope="col">{t("history.when")}</th>
                  <th scope="col">{t("history.who")}</th>
                  <th scope="col">{t("history.from")}</th>
                  <th scope="col">{t("history.to")}</th>
                  <th scope="col">{t("history.where")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(row) => (
                    <tr>
                      <td>{time(row.at)}</td>
                      <td>{row.who}</td>
                      <td>{shown(row.from)}</td>
                      <td>{shown(row.to)}</td>
                      <td>{row.source}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

import { For, Show, type JSX } from "solid-js";
import type { ChildUpdate, GuardianRef, ImportPlan } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";
import { MESSAGES, type MessageKey } from "../i18n/messages";
import { StatusBadge } from "../ui/StatusBadge";
import { findingTallies, needsFixCount, planCounts } from "./plan-summary";
import { valueWords } from "./value-words";

// A 10,000-row file must not put 10,000 rows in the DOM of a phone: each list shows
// its first rows and says how many more there are.
const SHOWN = 100;

function Capped<T>(props: { items: readonly T[]; children: (item: T) => JSX.Element }) {
  const { t } = useI18n();
  return (
    <>
      <For each={props.items.slice(0, SHOWN)}>{props.children}</For>
      <Show when={props.items.length > SHOWN}>
        <tr class="more">
          <td colSpan={4}>{t("import.more", { n: props.items.length - SHOWN })}</td>
        </tr>
      </Show>
    </>
  );
}

/** One titled, scrollable table of the preview: the same frame for every list. */
function PreviewTable(props: { id: string; title: string; testId: string; headers: readonly string[]; children: JSX.Element }) {
  return (
    <>
      <h3 id={`import-${props.id}-title`}>{props.title}</h3>
      <div class="table-scroll">
        <table class="import-table" aria-labelledby={`import-${props.id}-title`} data-testid={props.testId}>
          <thead>
            <tr>
              <For each={props.headers}>{(header) => <th scope="col">{header}</th>}</For>
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      </div>
    </>
  );
}

function fieldLabel(t: (key: MessageKey) => string, field: string): string {
  const key = `field.${field}`;
  return key in MESSAGES.vi ? t(key as MessageKey) : field;
}

/** What importing the file would do: counts, then each list in detail. */
export function PlanPreview(props: {
  plan: ImportPlan;
  childName: (id: string) => string;
  guardianName: (id: string) => string;
}) {
  const { t, pick } = useI18n();
  const counts = () => planCounts(props.plan);
  const tallies = () => findingTallies(props.plan);
  const refName = (ref: GuardianRef) =>
    ref.kind === "existing"
      ? props.guardianName(ref.id)
      : t("import.linkNew", { name: props.plan.guardianAdd.find((g) => g.key === ref.key)?.fields.fullName ?? "" });
  const empty = () => t("import.empty");
  // Rows of a workbook read sheet by sheet name their sheet.
  const place = (entry: { row: number; sheet?: string }) => (entry.sheet === undefined ? String(entry.row) : t("import.rowInSheet", { row: entry.row, sheet: entry.sheet }));
  const datesToCheck = () => props.plan.issues.filter((issue) => issue.review === "date");
  const words = (field: string, value: Parameters<typeof valueWords>[1]) => valueWords(field, value, t) || empty();
  const changeLines = (update: ChildUpdate) => [
    ...update.changes.map((c) => `${fieldLabel(t, c.field)}: ${words(c.field, c.from)} → ${words(c.field, c.to)}`),
    ...update.links.map((l) => `${fieldLabel(t, l.field)}: ${l.from ? props.guardianName(l.from) : empty()} → ${refName(l.to)}`),
  ];
  const count = (key: MessageKey, value: number, testId: string) => (
    <div class="import-count" data-testid={testId} data-count={value}>
      <dt>{t(key)}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section class="import-section" aria-labelledby="import-preview-title" data-testid="import-preview">
      <h2 id="import-preview-title">{t("import.preview")}</h2>
      <dl class="import-counts">
        {count("import.count.add", counts().add, "count-add")}
        {count("import.count.update", counts().update, "count-update")}
        {count("import.count.unchanged", counts().unchanged, "count-unchanged")}
        {count("import.count.rejected", counts().rejected, "count-rejected")}
        {count("import.count.guardians", counts().guardiansAdded, "count-guardians")}
        {count("import.count.needsFix", needsFixCount(props.plan), "count-needs-fix")}
      </dl>

      <Show when={props.plan.notes.length > 0}>
        <h3>{t("import.notes")}</h3>
        <ul class="import-notes">
          <For each={props.plan.notes}>{(note) => <li>{pick(note)}</li>}</For>
        </ul>
      </Show>

      <Show
        when={tallies().length > 0}
        fallback={
          <>
            <h3 id="import-findings-title">{t("import.findings")}</h3>
            <p class="ok">{t("import.findingsNone")}</p>
          </>
        }
      >
        <PreviewTable id="findings" title={t("import.findings")} testId="import-findings" headers={[t("import.finding"), t("import.findingCount")]}>
          <For each={tallies()}>
            {(tally) => (
              <tr data-code={tally.code} classList={{ error: tally.severity === "error" }}>
                <td>{pick(tally.message)}</td>
                <td class="number">{tally.count}</td>
              </tr>
            )}
          </For>
        </PreviewTable>
      </Show>

      <Show when={props.plan.add.length > 0}>
        <PreviewTable
          id="adds"
          title={t("import.adds", { n: props.plan.add.length })}
          testId="import-adds"
          headers={[t("import.rowHeader"), t("import.name"), t("field.dob"), t("import.status")]}
        >
          <Capped items={props.plan.add}>
            {(add) => (
              <tr data-row={add.row}>
                <td class="number">{place(add)}</td>
                <td>{add.fields.fullName}</td>
                <td>{words("dob", add.fields.dob)}</td>
                <td>
                  <StatusBadge status={add.status} />
                  <Show when={add.findings.length > 0}>
                    <span class="finding-words">{add.findings.map((f) => pick(f.message)).join("; ")}</span>
                  </Show>
                </td>
              </tr>
            )}
          </Capped>
        </PreviewTable>
      </Show>

      <Show when={props.plan.update.length > 0}>
        <PreviewTable
          id="updates"
          title={t("import.updates", { n: props.plan.update.length })}
          testId="import-updates"
          headers={[t("import.rowHeader"), t("import.name"), t("import.changes"), t("import.status")]}
        >
          <Capped items={props.plan.update}>
            {(update) => (
              <tr data-row={update.row}>
                <td class="number">{place(update)}</td>
                <td>{props.childName(update.childId)}</td>
                <td>
                  <ul class="changes">
                    <For each={changeLines(update)}>{(line) => <li>{line}</li>}</For>
                  </ul>
                </td>
                <td>
                  <StatusBadge status={update.status} />
                </td>
              </tr>
            )}
          </Capped>
        </PreviewTable>
      </Show>

      <Show when={props.plan.rejected.length > 0}>
        <PreviewTable
          id="rejected"
          title={t("import.rejected", { n: props.plan.rejected.length })}
          testId="import-rejected"
          headers={[t("import.rowHeader"), t("import.reasons")]}
        >
          <Capped items={props.plan.rejected}>
            {(rejected) => (
              <tr data-row={rejected.row} class="error">
                <td class="number">{place(rejected)}</td>
                <td>{rejected.reasons.map(pick).join("; ")}</td>
              </tr>
            )}
          </Capped>
        </PreviewTable>
      </Show>

      <Show when={datesToCheck().length > 0}>
        <PreviewTable
          id="dates"
          title={t("import.datesToCheck", { n: datesToCheck().length })}
          testId="import-dates"
          headers={[t("import.rowHeader"), t("import.dateCheck")]}
        >
          <Capped items={datesToCheck()}>
            {(issue) => (
              <tr data-row={issue.row} class="warning">
                <td class="number">{place(issue)}</td>
                <td>{pick(issue.message)}</td>
              </tr>
            )}
          </Capped>
        </PreviewTable>
      </Show>

      <Show when={props.plan.skipped.length > 0}>
        <PreviewTable
          id="skipped"
          title={t("import.skipped", { n: props.plan.skipped.length })}
          testId="import-skipped"
          headers={[t("import.rowHeader"), t("import.reasons")]}
        >
          <Capped items={props.plan.skipped}>
            {(skipped) => (
              <tr data-row={skipped.row}>
                <td class="number">{place(skipped)}</td>
                <td>{pick(skipped.reason)}</td>
              </tr>
            )}
          </Capped>
        </PreviewTable>
      </Show>

      <Show when={props.plan.issues.length > 0}>
        <details class="import-details">
          <summary>{t("import.warnings", { n: props.plan.issues.length })}</summary>
          <ul>
            <For each={props.plan.issues.slice(0, SHOWN)}>{(i) => <li>{t("import.row", { row: place(i) })}: {pick(i.message)}</li>}</For>
          </ul>
        </details>
      </Show>
    </section>
  );
}

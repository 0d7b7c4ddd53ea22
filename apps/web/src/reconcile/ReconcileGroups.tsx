import { createSignal, For, Show, type JSX } from "solid-js";
import { ethnicName } from "@roster/rules";
import type { ReconcileField, ReconcilePreview } from "@roster/schema";
import { formatDate } from "@roster/spreadsheet";
import { useI18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";
import { Link } from "../ui/router";
import {
  acceptKey,
  agreeing,
  withAccept,
  withAdd,
  withConfirm,
  withVerify,
  type ReconcileSelection,
} from "./reconcile-selection";

/** Rows drawn per group before "show more": a 5,000-row extract stays quick to render. */
const PAGE = 100;

const FIELD_KEY: Record<ReconcileField, MessageKey> = {
  fullName: "field.fullName",
  dob: "field.dob",
  gender: "field.gender",
  ethnicity: "field.ethnicity",
  pid: "field.pid",
  "father.fullName": "reconcile.field.fatherName",
  "father.pid": "reconcile.field.fatherPid",
  "mother.fullName": "reconcile.field.motherName",
  "mother.pid": "reconcile.field.motherPid",
};

const WHY_KEY: Record<ReconcilePreview["likely"][number]["why"], MessageKey> = {
  "dob-day-month-swapped": "reconcile.why.swapped",
  "name-one-letter": "reconcile.why.oneLetter",
  "same-name-dob-several": "reconcile.why.several",
  "same-name-dob-other-pid": "reconcile.why.otherPid",
};

interface Props {
  preview: ReconcilePreview;
  selection: ReconcileSelection;
  onChange: (next: ReconcileSelection) => void;
  childName: (childId: string) => string;
  rosterId?: string;
}

/** One group of the preview: a heading with its count, a bulk action, and its first rows. */
function Group(props: { id: string; title: string; count: number; hint?: string; action?: JSX.Element; children: (limit: number) => JSX.Element }) {
  const { t } = useI18n();
  const [limit, setLimit] = createSignal(PAGE);
  return (
    <section class="import-section reconcile-group" aria-labelledby={`${props.id}-title`} data-testid={props.id}>
      <h2 id={`${props.id}-title`}>
        {props.title} <span class="count">({props.count})</span>
      </h2>
      <Show when={props.hint}>
        <p class="hint">{props.hint}</p>
      </Show>
      {props.action}
      <Show when={props.count > 0}>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby={`${props.id}-title`}>
          {props.children(limit())}
        </div>
        <Show when={props.count > limit()}>
          <button type="button" onClick={() => setLimit((n) => n + PAGE * 10)}>
            {t("reconcile.showMore", { n: Math.min(PAGE * 10, props.count - limit()) })}
          </button>
        </Show>
      </Show>
    </section>
  );
}

/** The preview's groups, each row with what police may tick. */
export function ReconcileGroups(props: Props) {
  const { t, pick } = useI18n();
  const value = (field: ReconcileField, raw: string | null) => {
    if (raw === null) return "—";
    if (field === "dob") return formatDate(raw);
    if (field === "gender") return raw === "male" || raw === "female" ? t(`value.${raw}`) : raw;
    if (field === "ethnicity") return ethnicName(raw) ?? raw;
    return raw;
  };
  const agree = () => agreeing(props.preview);
  const differing = () => props.preview.matched.filter((m) => m.differences.length > 0);
  const allAgreeTicked = () => agree().every((id) => props.selection.verify.has(id));
  const everyDifference = () => differing().flatMap((m) => m.differences.map((d) => ({ childId: m.childId, field: d.field })));
  const allDifferencesTicked = () => everyDifference().every((d) => props.selection.accept.has(acceptKey(d.childId, d.field)));

  return (
    <div class="reconcile-groups">
      <Group
        id="reconcile-agree"
        title={t("reconcile.agree")}
        count={agree().length}
        hint={t("reconcile.agreeHint")}
        action={
          <label class="bulk">
            <input type="checkbox" checked={allAgreeTicked()} onChange={(e) => props.onChange(withVerify(props.selection, agree(), e.currentTarget.checked))} />
            {t("reconcile.verifyAll", { n: agree().length })}
          </label>
        }
      >
        {(limit) => (
          <table class="import-table">
            <thead>
              <tr>
                <th scope="col">{t("reconcile.verify")}</th>
                <th scope="col">{t("reconcile.rowHeader")}</th>
                <th scope="col">{t("field.fullName")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={agree().slice(0, limit)}>
                {(childId) => {
                  const match = () => props.preview.matched.find((m) => m.childId === childId)!;
                  return (
                    <tr>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t("reconcile.verifyOne", { name: props.childName(childId) })}
                          checked={props.selection.verify.has(childId)}
                          onChange={(e) => props.onChange(withVerify(props.selection, [childId], e.currentTarget.checked))}
                        />
                      </td>
                      <td class="number">{match().row}</td>
                      <td>{props.childName(childId)}</td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        )}
      </Group>

      <Group
        id="reconcile-differ"
        title={t("reconcile.differ")}
        count={differing().length}
        hint={t("reconcile.differHint")}
        action={
          <label class="bulk">
            <input type="checkbox" checked={allDifferencesTicked() && everyDifference().length > 0} onChange={(e) => props.onChange(withAccept(props.selection, props.preview, everyDifference(), e.currentTarget.checked))} />
            {t("reconcile.acceptAll")}
          </label>
        }
      >
        {(limit) => (
          <table class="import-table reconcile-differences">
            <thead>
              <tr>
                <th scope="col">{t("field.fullName")}</th>
                <th scope="col">{t("reconcile.field")}</th>
                <th scope="col">{t("reconcile.rosterValue")}</th>
                <th scope="col">{t("reconcile.nationalValue")}</th>
                <th scope="col">{t("reconcile.changedBy")}</th>
                <th scope="col">{t("reconcile.take")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={differing().slice(0, limit)}>
                {(match) => (
                  <For each={match.differences}>
                    {(difference, index) => (
                      <tr data-child={match.childId}>
                        <Show when={index() === 0}>
                          <th scope="row" rowSpan={match.differences.length}>
                            {props.childName(match.childId)}
                            <span class="hint"> · {t("reconcile.row", { row: match.row })}</span>
                          </th>
                        </Show>
                        <td>{t(FIELD_KEY[difference.field])}</td>
                        <td class="value">{value(difference.field, difference.roster)}</td>
                        <td class="value national">{value(difference.field, difference.national)}</td>
                        <td>{difference.changedBy ?? "—"}</td>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t("reconcile.takeOne", { name: props.childName(match.childId), field: t(FIELD_KEY[difference.field]) })}
                            checked={props.selection.accept.has(acceptKey(match.childId, difference.field))}
                            onChange={(e) => props.onChange(withAccept(props.selection, props.preview, [{ childId: match.childId, field: difference.field }], e.currentTarget.checked))}
                          />
                        </td>
                      </tr>
                    )}
                  </For>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Group>

      <Group id="reconcile-likely" title={t("reconcile.likely")} count={props.preview.likely.length} hint={t("reconcile.likelyHint")}>
        {(limit) => (
          <table class="import-table">
            <thead>
              <tr>
                <th scope="col">{t("reconcile.rowHeader")}</th>
                <th scope="col">{t("reconcile.inFile")}</th>
                <th scope="col">{t("reconcile.inRoster")}</th>
                <th scope="col">{t("reconcile.why")}</th>
                <th scope="col">{t("reconcile.confirm")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.preview.likely.slice(0, limit)}>
                {(entry) => (
                  <tr>
                    <td class="number">{entry.row}</td>
                    <td>
                      {entry.fullName} · {formatDate(entry.dob)}
                    </td>
                    <td>{props.childName(entry.childId)}</td>
                    <td>{t(WHY_KEY[entry.why])}</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t("reconcile.confirmOne", { row: entry.row, name: props.childName(entry.childId) })}
                        checked={props.selection.confirm.get(entry.row) === entry.childId}
                        onChange={(e) => props.onChange(withConfirm(props.selection, entry.row, entry.childId, e.currentTarget.checked))}
                      />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Group>

      <Group id="reconcile-extract-only" title={t("reconcile.extractOnly")} count={props.preview.extractOnly.length} hint={t("reconcile.extractOnlyHint")}>
        {(limit) => (
          <table class="import-table">
            <thead>
              <tr>
                <th scope="col">{t("reconcile.add")}</th>
                <th scope="col">{t("reconcile.rowHeader")}</th>
                <th scope="col">{t("field.fullName")}</th>
                <th scope="col">{t("field.dob")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.preview.extractOnly.slice(0, limit)}>
                {(entry) => (
                  <tr>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t("reconcile.addOne", { name: entry.fullName })}
                        checked={props.selection.add.has(entry.row)}
                        onChange={(e) => props.onChange(withAdd(props.selection, [entry.row], e.currentTarget.checked))}
                      />
                    </td>
                    <td class="number">{entry.row}</td>
                    <td>{entry.fullName}</td>
                    <td class="value">{formatDate(entry.dob)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Group>

      <Group id="reconcile-roster-only" title={t("reconcile.rosterOnly")} count={props.preview.rosterOnly.length} hint={t("reconcile.rosterOnlyHint")}>
        {(limit) => (
          <ul class="plain-list">
            <For each={props.preview.rosterOnly.slice(0, limit)}>
              {(childId) => (
                <li>
                  <Show when={props.rosterId} fallback={props.childName(childId)}>
                    {(rosterId) => <Link to={{ name: "child", rosterId: rosterId(), childId }}>{props.childName(childId)}</Link>}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </Group>

      <Group id="reconcile-other" title={t("reconcile.other")} count={props.preview.outOfCampaign.length + props.preview.rejected.length}>
        {(limit) => (
          <ul class="plain-list">
            <For each={[...props.preview.outOfCampaign, ...props.preview.rejected].slice(0, limit)}>
              {(note) => (
                <li>
                  {t("reconcile.row", { row: note.row })}: {pick(note.reason)}
                </li>
              )}
            </For>
          </ul>
        )}
      </Group>
    </div>
  );
}

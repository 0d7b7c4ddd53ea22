import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import type { ChangedMeanwhile } from "./typed-field";

/**
 * Says that a colleague saved the field the person is typing in (who, and to what), and
 * offers the three ways out; the typed text stays in the input until one is chosen.
 */
export function ChangedMeanwhileNotice(props: {
  id: string;
  changed: ChangedMeanwhile;
  /** The colleague's value as it reads (dates dd/mm/yyyy). */
  theirs: string;
  mine: string;
  canMerge: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMerge: () => void;
}) {
  const { t, time } = useI18n();
  const who = () => props.changed.name || t("changed.someone");
  return (
    <div class="changed-meanwhile" role="alert" id={props.id} data-testid="changed-meanwhile">
      <p>
        <strong>{t("changed.title", { name: who() })}</strong>{" "}
        <Show when={props.changed.at}>{(at) => <span class="hint">({time(at())})</span>}</Show>
      </p>
      <dl class="changed-values">
        <dt>{t("changed.theirs", { name: who() })}</dt>
        <dd class="changed-theirs">{props.theirs || t("conflict.empty")}</dd>
        <dt>{t("changed.mine")}</dt>
        <dd class="changed-mine">{props.mine || t("conflict.empty")}</dd>
      </dl>
      <div class="button-row">
        <button type="button" class="primary" onClick={() => props.onKeepMine()}>
          {t("changed.keepMine")}
        </button>
        <button type="button" onClick={() => props.onTakeTheirs()}>
          {t("changed.takeTheirs")}
        </button>
        <Show when={props.canMerge}>
          <button type="button" onClick={() => props.onMerge()}>
            {t("changed.merge")}
          </button>
        </Show>
      </div>
    </div>
  );
}

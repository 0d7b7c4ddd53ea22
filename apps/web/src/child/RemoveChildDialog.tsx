import { createSignal } from "solid-js";
import { useI18n } from "../i18n/i18n-context";
import { Dialog } from "../ui/Dialog";

/** Asks why a record is removed (nothing is hard-deleted; the reason is kept with it). */
export function RemoveChildDialog(props: { onRemove: (reason: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = createSignal("");
  return (
    <Dialog
      as="form"
      labelledBy="remove-title"
      initialFocus="remove-reason"
      onClose={() => props.onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason().trim() !== "") props.onRemove(reason().trim());
      }}
    >
        <h2 id="remove-title">{t("child.remove")}</h2>
        <label for="remove-reason">{t("child.removeReason")}</label>
        <textarea
          id="remove-reason"
          required
          rows={3}
          placeholder={t("child.removeReasonPlaceholder")}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onCancel()}>
            {t("app.cancel")}
          </button>
          <button type="submit" class="danger" disabled={reason().trim() === ""}>
            {t("child.removeConfirm")}
          </button>
        </div>
    </Dialog>
  );
}

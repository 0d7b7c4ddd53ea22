import { useI18n } from "../i18n/i18n-context";

/**
 * The printable call list in a frame, as it will come out of the printer, with a button
 * that prints the frame alone. Made on the device from the document: works offline.
 */
export function PrintPreview(props: { html: string; onClose: () => void }) {
  const { t } = useI18n();
  let frame: HTMLIFrameElement | undefined;
  return (
    <div class="print-view intake-print">
      <div class="actions">
        <button type="button" class="primary" onClick={() => frame?.contentWindow?.print()}>
          {t("intake.printNow")}
        </button>
        <button type="button" onClick={() => props.onClose()}>
          {t("intake.closePrint")}
        </button>
      </div>
      <iframe
        ref={(el) => (frame = el)}
        title={t("intake.printFrame")}
        data-testid="call-list-print"
        sandbox="allow-same-origin allow-modals"
        srcdoc={props.html}
      />
    </div>
  );
}

import { renderSVG } from "uqr";
import { useI18n } from "../i18n/i18n-context";
import { setPasswordLink } from "./accounts-api";

/**
 * A one-time code as the admin hands it over: as text to read out or copy, and as a QR
 * code that opens "set your password" on the person's phone. Shown once; never stored.
 */
export function CodeCard(props: { username: string; code: string; expiresAt: string; onClose: () => void }) {
  const { t, time } = useI18n();
  const link = () => setPasswordLink(location.origin, props.code);
  return (
    <section class="code-card" role="dialog" aria-labelledby="code-card-title" data-testid="code-card">
      <h3 id="code-card-title">{t("admin.code.title", { username: props.username })}</h3>
      <p class="code-text" data-testid="one-time-code">
        {props.code}
      </p>
      {/* uqr renders the QR as plain SVG markup of rectangles from the code we generated. */}
      <div class="qr" role="img" aria-label={t("admin.code.qr")} innerHTML={renderSVG(link(), { border: 2 })} />
      <p class="hint">{t("admin.code.hint", { time: time(props.expiresAt) })}</p>
      <button type="button" onClick={() => props.onClose()}>
        {t("admin.code.done")}
      </button>
    </section>
  );
}

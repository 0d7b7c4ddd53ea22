import { IntakeSessionError } from "@roster/doc";
import type { MessageKey } from "../i18n/messages";
import type { MessageParams } from "../i18n/translate";

/** The field names of a session as the form labels them. */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  date: "intake.date",
  start: "intake.start",
  end: "intake.end",
  placeKind: "intake.placeKind",
  place: "intake.place",
  capacity: "intake.capacity",
  note: "intake.note",
};

/** A refused write as one readable sentence (Vietnamese first through the catalogue). */
export function intakeErrorText(error: unknown, t: (key: MessageKey, params?: MessageParams) => string): string {
  if (!(error instanceof IntakeSessionError)) return error instanceof Error ? error.message : String(error);
  const { details } = error;
  switch (error.reason) {
    case "invalid": {
      const issues = details.issues ?? [];
      if (issues.some((i) => i.field === "end" && /after start/.test(i.message))) return t("intake.error.endBeforeStart");
      const fields = [...new Set(issues.map((i) => i.field))].map((f) => {
        const key = FIELD_LABELS[f];
        return key ? t(key) : f;
      });
      return t("intake.error.invalid", { fields: fields.join(", ") });
    }
    case "full":
      return t("intake.error.full", { capacity: details.capacity ?? "" });
    case "cancelled":
      return t("intake.error.cancelled");
    case "capacity-below-assigned":
      return t("intake.error.capacityBelow", { assigned: details.assigned ?? "" });
    case "session-not-found":
      return t("intake.error.notFound");
    case "child-not-found":
    case "child-removed":
      return t("intake.error.child");
    case "not-assigned":
      return t("intake.error.notAssigned");
  }
}

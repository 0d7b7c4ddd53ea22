import type { FieldValue, Guardian } from "@roster/schema";
import { ethnicName } from "@roster/rules";
import type { I18n } from "../i18n/i18n-context";
import type { MessageKey } from "../i18n/messages";

const DATE_FIELDS = new Set(["dob", "birthRegisteredOn", "residenceRegisteredOn"]);
const ENUM_PREFIX: Record<string, string> = {
  gender: "value.",
  residenceType: "value.",
  representative: "value.",
  idCard: "value.idCard.",
  vneid: "value.vneid.",
};
const LINK_FIELDS = new Set(["fatherId", "motherId", "guardianId"]);

/** `mother.pid` → "Mẹ — Số định danh cá nhân"; `dob` → "Ngày sinh". */
export function fieldWords(name: string, t: I18n["t"]): string {
  const dot = name.indexOf(".");
  if (dot < 0) return t(`field.${name}` as MessageKey);
  return `${t(`guardian.${name.slice(0, dot)}` as MessageKey)} — ${t(`field.${name.slice(dot + 1)}` as MessageKey)}`;
}

/**
 * A stored value as police read it: dates dd/mm/yyyy, choices in words, ethnic group by
 * name, a guardian link by the guardian's name; empty as "(trống)".
 */
export function valueWords(
  field: string,
  value: FieldValue | undefined,
  i18n: Pick<I18n, "t" | "date">,
  guardians: Readonly<Record<string, Guardian>> = {},
): string {
  const bare = field.slice(field.indexOf(".") + 1);
  if (value === null || value === undefined || value === "") return i18n.t("desk.empty");
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (DATE_FIELDS.has(bare)) return i18n.date(value);
  const prefix = ENUM_PREFIX[bare];
  if (prefix) return i18n.t(`${prefix}${value}` as MessageKey);
  if (bare === "ethnicity") return `${value} — ${ethnicName(value) ?? ""}`;
  if (LINK_FIELDS.has(bare)) return (Object.hasOwn(guardians, value) ? guardians[value]?.fullName : undefined) || value;
  return value;
}

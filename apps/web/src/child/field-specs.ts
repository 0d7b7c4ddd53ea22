import type { ChildField, GuardianField } from "@roster/schema";
import type { MessageKey } from "../i18n/messages";

/** How a field is edited. Select options carry the message key of their label. */
export type FieldInput =
  | { kind: "text"; inputMode?: "numeric" | "tel" | "text"; autocomplete?: string }
  | { kind: "date" }
  | { kind: "select"; options: readonly { value: string; label: MessageKey }[] }
  | { kind: "ethnicity" }
  | { kind: "checkbox" }
  | { kind: "textarea" };

export interface FieldSpec<F extends string> {
  readonly field: F;
  readonly input: FieldInput;
}

const text: FieldInput = { kind: "text" };
const date: FieldInput = { kind: "date" };
const digits: FieldInput = { kind: "text", inputMode: "numeric" };

export const GENDER_INPUT: FieldInput = {
  kind: "select",
  options: [
    { value: "male", label: "value.male" },
    { value: "female", label: "value.female" },
  ],
};

export const VNEID_INPUT: FieldInput = {
  kind: "select",
  options: [
    { value: "none", label: "value.vneid.none" },
    { value: "level1", label: "value.vneid.level1" },
    { value: "level2", label: "value.vneid.level2" },
  ],
};

/** The sections of the child form, in the order a person fills them in the field. */
export const CHILD_SECTIONS: readonly { title: MessageKey; fields: readonly FieldSpec<ChildField>[] }[] = [
  {
    title: "child.section.identity",
    fields: [
      { field: "fullName", input: { kind: "text", autocomplete: "off" } },
      { field: "dob", input: date },
      { field: "gender", input: GENDER_INPUT },
      { field: "ethnicity", input: { kind: "ethnicity" } },
      { field: "pid", input: digits },
      { field: "birthRegisteredOn", input: date },
    ],
  },
  {
    title: "child.section.residence",
    fields: [
      {
        field: "residenceType",
        input: {
          kind: "select",
          options: [
            { value: "permanent", label: "value.permanent" },
            { value: "temporary", label: "value.temporary" },
            { value: "none", label: "value.none" },
          ],
        },
      },
      { field: "residenceRegisteredOn", input: date },
      { field: "address", input: text },
      { field: "village", input: text },
    ],
  },
  {
    title: "child.section.school",
    fields: [
      { field: "school", input: text },
      { field: "grade", input: text },
    ],
  },
  {
    title: "child.section.campaign",
    fields: [
      { field: "bhyt", input: text },
      {
        field: "idCard",
        input: {
          kind: "select",
          options: [
            { value: "none", label: "value.idCard.none" },
            { value: "applied", label: "value.idCard.applied" },
            { value: "issued", label: "value.idCard.issued" },
          ],
        },
      },
      { field: "vneid", input: VNEID_INPUT },
      { field: "healthBook", input: { kind: "checkbox" } },
      { field: "appointment", input: text },
    ],
  },
  {
    title: "child.section.other",
    fields: [{ field: "note", input: { kind: "textarea" } }],
  },
];

/** The representative chooser, shown in the guardians section. */
export const REPRESENTATIVE_INPUT: FieldInput = {
  kind: "select",
  options: [
    { value: "father", label: "value.father" },
    { value: "mother", label: "value.mother" },
    { value: "guardian", label: "value.guardian" },
  ],
};

/** The fields of a guardian card. */
export const GUARDIAN_FIELDS_FORM: readonly FieldSpec<GuardianField>[] = [
  { field: "fullName", input: { kind: "text", autocomplete: "off" } },
  { field: "dob", input: date },
  { field: "gender", input: GENDER_INPUT },
  { field: "pid", input: digits },
  { field: "phone", input: { kind: "text", inputMode: "tel" } },
  { field: "vneid", input: VNEID_INPUT },
  { field: "address", input: text },
];

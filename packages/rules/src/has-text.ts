/** Whether a stored value is a non-blank string. Fields of the records document may be
 * absent, null, "" or blank after an edit; the rules treat all four as "not filled in". */
export function hasText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

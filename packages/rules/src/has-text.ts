/** Whether a stored value is a non-blank string. Fields of the records document may be
 * absent, null, "" or blank after an edit; the rules treat all four as "not filled in". */
export function hasText(value: unknown): value is string {
  if (typeof value !== "string") return false;
  // Nearly every value starts with a printable ASCII character, which no trimming removes:
  // that settles it without trimming, called a dozen times per child of a large roster.
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return true;
  return value.trim() !== "";
}

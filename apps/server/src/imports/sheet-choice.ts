import { BadRequestError } from "../errors";

// A workbook of one sheet per class has a few dozen sheets at most.
const MAX_SHEETS = 100;
const MAX_NAME = 100;

/**
 * The sheets a request or a command line chooses: every `sheet` value (repeatable), and
 * `sheets` as a JSON array of names or names separated by commas. Empty: none chosen (the
 * reader takes every visible sheet shaped like the main one). Names are kept as typed.
 */
export function sheetChoice(sheet: readonly string[], sheets: readonly string[]): string[] {
  const names: string[] = [...sheet];
  for (const raw of sheets) {
    const text = raw.trim();
    if (text === "") continue;
    if (text.startsWith("[")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BadRequestError("Trường sheets không phải JSON hợp lệ / The sheets field is not valid JSON", "invalid_sheets");
      }
      if (!Array.isArray(parsed) || !parsed.every((name) => typeof name === "string")) {
        throw new BadRequestError("Trường sheets phải là mảng tên trang / The sheets field must be an array of sheet names", "invalid_sheets");
      }
      names.push(...parsed);
    } else names.push(...text.split(",").map((name) => name.trim()));
  }
  const chosen = [...new Set(names.filter((name) => name !== ""))];
  if (chosen.length > MAX_SHEETS || chosen.some((name) => name.length > MAX_NAME)) {
    throw new BadRequestError(`Chọn tối đa ${MAX_SHEETS} trang, tên mỗi trang tối đa ${MAX_NAME} ký tự / At most ${MAX_SHEETS} sheets, names of at most ${MAX_NAME} characters`, "invalid_sheets");
  }
  return chosen;
}

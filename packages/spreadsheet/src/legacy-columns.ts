// TCVN3 / VNI text (DOMAIN.md: detect and convert on import; never store mojibake). An old
// list is legacy throughout; a list kept up to date may hold a few pasted legacy names
// among Unicode ones, and Unicode names such as "Lê Minh Hà" are all Latin-1 letters,
// which a legacy font would also have. So each cell is decided on its own: converted when
// it reads as a legacy font by itself (the font's reading gains common name syllables:
// `detectLegacyEncoding`), or when it cannot be Unicode Vietnamese as it stands and reads
// as Vietnamese once converted; a column (or file) that is mostly legacy only says which
// font to try for the latter.
import { detectLegacyEncoding, isVietnameseSyllable, tcvn3ToUnicode, vniToUnicode, type LegacyEncoding } from "@roster/rules";
import type { CellValue } from "./cell-value";

const HIGH_LATIN1 = /[\u00A1-\u00FF]/;
const LEGACY_WORD = /[A-Za-z\u00A1-\u00FF]+/g;
const LETTERS = /\p{L}+/gu;
const NON_ASCII = /[^ -~]/;
// Letters only Unicode Vietnamese has, or combining marks: such a cell is already Unicode.
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]|\p{M}/u;

const DECODERS: Readonly<Record<LegacyEncoding, (s: string) => string>> = { tcvn3: tcvn3ToUnicode, vni: vniToUnicode };

/** How a column's legacy cells are converted: cell text → Unicode text, and the font that
 * most of them were in (null when the column is Unicode). */
export interface LegacyColumn {
  encoding: LegacyEncoding | null;
  repaired: ReadonlyMap<string, string>;
}

/** Whether a cell could be legacy text: Latin-1 letters or symbols, and no Unicode-only Vietnamese. */
function mayBeLegacy(value: CellValue): value is string {
  return typeof value === "string" && HIGH_LATIN1.test(value) && !UNICODE_VIETNAMESE.test(value);
}

/** Whether a word with Latin-1 letters or symbols cannot be Vietnamese as written ("Tµy",
 * "NguyÔn", "Hoaøng"); "Lê", "Hà", "Ngô" can. */
function impossibleAsUnicode(text: string): boolean {
  return (text.match(LEGACY_WORD) ?? []).some((word) => HIGH_LATIN1.test(word) && !isVietnameseSyllable(word));
}

/** Whether every accented word of the converted text is a Vietnamese syllable. */
function readsAsVietnamese(converted: string): boolean {
  return (converted.match(LETTERS) ?? []).every((word) => !NON_ASCII.test(word) || isVietnameseSyllable(word));
}

/** The encoding at least half of the judged cells are in, if any. */
function majority(judged: ReadonlyMap<string, LegacyEncoding | null>): LegacyEncoding | null {
  let tcvn3 = 0;
  let vni = 0;
  for (const encoding of judged.values()) {
    if (encoding === "tcvn3") tcvn3++;
    else if (encoding === "vni") vni++;
  }
  const [winner, count] = tcvn3 >= vni ? (["tcvn3", tcvn3] as const) : (["vni", vni] as const);
  return count > 0 && count * 2 >= judged.size ? winner : null;
}

/**
 * Decides the legacy conversion of every cell, column by column: a cell that reads as a
 * font on its own (`detectLegacyEncoding`) is converted from it; a cell that cannot tell
 * is converted only when it is impossible as Unicode Vietnamese (a word no Vietnamese
 * syllable is, a short "Tµy"), from the font most cells of its column, or failing that of
 * the whole file, are in, and every accented word then is a Vietnamese syllable. "Lê" in a
 * TCVN3 column stays "Lê".
 */
export function planLegacyColumns(columns: readonly (readonly CellValue[])[]): LegacyColumn[] {
  const judged = columns.map((cells) => {
    const own = new Map<string, LegacyEncoding | null>();
    for (const cell of cells) if (mayBeLegacy(cell) && !own.has(cell)) own.set(cell, detectLegacyEncoding(cell));
    return own;
  });
  const fileMajority = majority(new Map(judged.flatMap((own) => [...own])));
  return judged.map((own) => {
    const prior = majority(own) ?? fileMajority;
    const repaired = new Map<string, string>();
    let used: LegacyEncoding | null = null;
    for (const [text, encoding] of own) {
      // A cell that reads as a font on its own gains in Vietnamese by it ("Vò Tó" → "Vũ
      // Tú"); one that cannot tell is converted only when it cannot be Unicode as it is.
      if (encoding === null && !impossibleAsUnicode(text)) continue;
      const chosen = encoding ?? prior;
      if (chosen === null) continue;
      const converted = DECODERS[chosen](text);
      if (encoding === null && !readsAsVietnamese(converted)) continue;
      repaired.set(text, converted);
      used ??= chosen;
    }
    return { encoding: repaired.size === 0 ? null : (majority(own) ?? used), repaired };
  });
}

/** The cell converted to Unicode when its column's plan says so; otherwise unchanged. */
export function repairLegacyCell(value: CellValue, column: LegacyColumn | undefined): CellValue {
  if (column === undefined || typeof value !== "string") return value;
  return column.repaired.get(value) ?? value;
}

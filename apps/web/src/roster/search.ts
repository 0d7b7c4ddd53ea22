import { foldName } from "@roster/rules";

/** A search typed by a person, prepared once per keystroke. */
export interface PreparedQuery {
  /** Folded words; each must start a word of the folded name. */
  readonly words: readonly string[];
  /** The query's digits when it looks like an ID or card number (3+ digits). */
  readonly digits: string | null;
}

/** Prepares `query`: folded (no diacritics, đ→d, lower case), split into words. */
export function prepareQuery(query: string): PreparedQuery {
  const folded = foldName(query);
  const compact = query.replace(/[\s.-]/g, "");
  const digits = /^\d{3,}$/.test(compact) ? compact : null;
  return { words: folded === "" ? [] : folded.split(" "), digits };
}

/** What a search looks at: a folded name and the record's numbers (ID, BHYT). */
export interface Searchable {
  readonly folded: string;
  readonly numbers: readonly (string | null | undefined)[];
}

/**
 * Whether a record matches: "nguyen van an" finds "Nguyễn Văn An" (every word of the query
 * begins a word of the name, in any order); 3+ digits find the personal ID or BHYT number.
 */
export function matchesQuery(target: Searchable, query: PreparedQuery): boolean {
  if (query.digits !== null) {
    const digits = query.digits;
    return target.numbers.some((n) => (n ?? "").replace(/[\s.-]/g, "").toUpperCase().includes(digits));
  }
  if (query.words.length === 0) return true;
  const nameWords = target.folded.split(" ");
  return query.words.every((w) => nameWords.some((n) => n.startsWith(w)));
}

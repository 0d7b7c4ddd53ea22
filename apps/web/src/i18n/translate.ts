import { MESSAGES, type Locale, type MessageKey } from "./messages";

/** Values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message `key` in `locale` with its `{name}` placeholders filled from `params`.
 * A placeholder without a value is left visible, so a missing argument shows in review.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = MESSAGES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The `{name}` placeholders a message uses, for checking both languages agree. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

import { createContext, createSignal, useContext, type Accessor, type ParentProps } from "solid-js";
import type { LocalizedText } from "@roster/schema";
import { LOCALES, type Locale, type MessageKey } from "./messages";
import { translate, type MessageParams } from "./translate";

// The language choice is not personal data: it stays on the device after logout.
const LOCALE_KEY = "roster.locale";

export interface I18n {
  locale: Accessor<Locale>;
  setLocale: (locale: Locale) => void;
  /** The app's own message `key` in the current language. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** Text that arrives in both languages (finding messages from the rules). */
  pick: (text: LocalizedText) => string;
  /** A stored `YYYY-MM-DD` date as people write it (dd/mm/yyyy); anything else unchanged. */
  date: (iso: string | null | undefined) => string;
  /** A date-time shown the way the current language writes it (Vietnam time). */
  time: (iso: string | number | Date) => string;
}

const I18nContext = createContext<I18n>();

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? "") ? (saved as Locale) : "vi";
}

/** Provides the language to the app; Vietnamese unless the person chose English. */
export function I18nProvider(props: ParentProps) {
  const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
  const setLocale = (next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next;
    setLocaleSignal(next);
  };
  document.documentElement.lang = locale();
  const value: I18n = {
    locale,
    setLocale,
    t: (key, params) => translate(locale(), key, params),
    pick: (text) => text[locale()],
    date: (iso) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
      return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? "");
    },
    time: (at) =>
      new Date(at).toLocaleString(locale() === "vi" ? "vi-VN" : "en-GB", {
        timeZone: "Asia/Ho_Chi_Minh",
        hour: "2-digit",
        minute: "2-digit",
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
      }),
  };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** The language tools of the surrounding `I18nProvider`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

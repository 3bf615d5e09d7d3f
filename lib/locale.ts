import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

/** The languages Chorus speaks (README "Languages"); English is the default and every message's fallback. */
export const LOCALES = ["en", "de", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language named in itself, for the language setting and the curator's variant tabs. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch", fr: "Français", es: "Español" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The best of our languages for a browser's Accept-Language header (standard matching), else English. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const wanted = new Negotiator({ headers: { "accept-language": header } }).languages();
  try {
    const chosen = match(wanted, LOCALES, DEFAULT_LOCALE);
    return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  } catch {
    // A malformed tag (RangeError from Intl) is a browser we cannot read: English.
    return DEFAULT_LOCALE;
  }
}

/** A person's language: their own setting, else what their browser asks for. */
export function resolveLocale(setting: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(setting) ? setting : localeFromAcceptLanguage(acceptLanguage);
}

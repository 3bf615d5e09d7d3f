import { createTranslator } from "next-intl";
import { messagesFor } from "@/i18n/messages";
import { isLocale, type Locale } from "@/lib/locale";

/** A mail's language (README "Languages"): the recipient's setting, else English; a mail has no browser to ask. */
export function mailLocale(setting: string | null | undefined): Locale {
  return isLocale(setting) ? setting : "en";
}

/** The mail texts (messages/*.json "mail") in the recipient's language. */
export function mailTranslator(setting: string | null | undefined) {
  const locale = mailLocale(setting);
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "mail" });
}

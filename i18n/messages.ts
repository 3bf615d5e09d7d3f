import type { Locale } from "@/lib/locale";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import fr from "@/messages/fr.json";

export type Messages = typeof en;

type Tree = { [key: string]: string | Tree };

/** Every key of English, with the language's own text where it has one: a missing message shows in English. */
function withEnglishFallback(english: Tree, translated: Tree): Tree {
  const merged: Tree = {};
  for (const [key, value] of Object.entries(english)) {
    const own = translated[key];
    if (typeof value === "string") merged[key] = typeof own === "string" ? own : value;
    else merged[key] = withEnglishFallback(value, typeof own === "object" ? own : {});
  }
  return merged;
}

const CATALOGS: Record<Locale, Messages> = {
  en,
  de: withEnglishFallback(en, de) as Messages,
  fr: withEnglishFallback(en, fr) as Messages,
  es: withEnglishFallback(en, es) as Messages,
};

export function messagesFor(locale: Locale): Messages {
  return CATALOGS[locale];
}

import { headers } from "next/headers";
import { createTranslator } from "next-intl";
import { type Locale, resolveLocale } from "@/lib/locale";
import en from "@/messages/en.json";
import { messagesFor } from "./messages";

/*
 * lib/validation.ts and the action wrapper speak English (the JSON API and the CSV import answer in English).
 * A form's errors are shown in the person's language: each English message is matched against the English
 * texts of the "Validation" messages, its values ({label}, {max}) taken out, and the message written again
 * in the person's language. A message with no match stays English.
 */

type ValidationKey = keyof typeof en.Validation;
const LABEL_KEYS = new Map(Object.entries(en.Labels).map(([key, text]) => [text, key as keyof typeof en.Labels]));

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PATTERNS = Object.entries(en.Validation).map(([key, template]) => {
  const names: string[] = [];
  const source = template
    .split(/(\{\w+(?:, number)?\})/)
    .map((part) => {
      const name = /^\{(\w+)(?:, number)?\}$/.exec(part)?.[1];
      if (!name) return literal(part);
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { key: key as ValidationKey, names, pattern: new RegExp(`^${source}$`) };
});

/** An English message from lib/validation.ts or lib/action.ts in `locale`. */
export function translateMessage(message: string, locale: Locale): string {
  if (locale === "en") return message;
  for (const { key, names, pattern } of PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const messages = messagesFor(locale);
    const labels = createTranslator({ locale, messages, namespace: "Labels" });
    const values: Record<string, string | number> = {};
    names.forEach((name, i) => {
      const value = match[i + 1] ?? "";
      const label = LABEL_KEYS.get(value);
      // Numbers were written the English way ("3,000"): the target language writes them its own way.
      values[name] = label ? labels(label) : /^\d{1,3}(,\d{3})*$/.test(value) ? Number(value.replace(/,/g, "")) : value;
    });
    return createTranslator({ locale, messages, namespace: "Validation" })(key, values);
  }
  return message;
}

export function translateFields<F extends Record<string, string[] | undefined>>(fields: F, locale: Locale): F {
  return Object.fromEntries(
    Object.entries(fields).map(([field, errors]) => [field, errors?.map((error) => translateMessage(error, locale))]),
  ) as F;
}

/** The language of the person sending a form: their setting, else their browser's; English outside a request. */
export async function formLocale(setting: string | null | undefined): Promise<Locale> {
  let acceptLanguage: string | null = null;
  try {
    acceptLanguage = (await headers()).get("accept-language");
  } catch {
    // Called outside a request (tests, scripts): English.
  }
  return resolveLocale(setting, acceptLanguage);
}

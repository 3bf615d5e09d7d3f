import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { createTranslator } from "next-intl";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { messagesFor } from "@/i18n/messages";
import { type Locale, resolveLocale } from "@/lib/locale";

/** The sign-in mail in the recipient's language: their setting if they have an account, else their browser's. */
export async function signInMailLocale(email: string): Promise<Locale> {
  const [row] = await getDb()
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  let acceptLanguage: string | null = null;
  try {
    acceptLanguage = (await headers()).get("accept-language");
  } catch {
    // Outside a request (a script sending the mail): no browser to ask, English.
  }
  return resolveLocale(row?.locale, acceptLanguage);
}

export function signInMail(url: string, locale: Locale): { subject: string; text: string; html: string } {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "SignInMail" });
  return {
    subject: t("subject"),
    text: `${t("intro")}\n\n${url}\n\n${t("once")} ${t("ignore")}`,
    html: `<p>${t("intro")}</p><p><a href="${url}">${t("button")}</a></p><p>${t("once")}</p>`,
  };
}

import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { LOCALES, type Locale } from "@/lib/locale";

/** The language setting's form: one of our languages, or "" for the browser's (README "Languages"). */
export const languageInput = z.object({
  locale: z
    .union([z.literal(""), z.enum(LOCALES)], { error: "Choose a language from the list" })
    .transform((value) => (value === "" ? null : value)),
});

/** Only ever the person's own row; null means: follow the browser. */
export async function setLanguageSetting(userId: string, locale: Locale | null): Promise<{ locale: Locale | null }> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
  return { locale };
}

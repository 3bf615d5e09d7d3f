import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { type Locale, resolveLocale } from "@/lib/locale";

/** The language a person reads posts in: their setting, else their browser's (README "Languages of a post"). */
export async function userLanguage(userId: string, acceptLanguage: string | null | undefined): Promise<Locale> {
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1);
  return resolveLocale(user?.locale, acceptLanguage);
}

/**
 * The language of the signed-in person answered now: the setting their session read already carries, else the
 * browser's Accept-Language (the same rule picks the screens' language). A route passes its request's header; a
 * page or server action leaves it out and the header is read from the request being rendered.
 */
export async function requestLanguage(
  user: { locale?: string | null },
  acceptLanguage?: string | null,
): Promise<Locale> {
  return resolveLocale(
    user.locale,
    acceptLanguage !== undefined ? acceptLanguage : (await headers()).get("accept-language"),
  );
}

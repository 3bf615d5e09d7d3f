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

/** userLanguage for the request being answered (a page, a server action or a route), from its Accept-Language. */
export async function requestLanguage(userId: string): Promise<Locale> {
  return userLanguage(userId, (await headers()).get("accept-language"));
}

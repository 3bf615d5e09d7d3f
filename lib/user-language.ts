import { headers } from "next/headers";
import { type Locale, resolveLocale } from "@/lib/locale";

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

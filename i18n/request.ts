import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { isLocale, resolveLocale } from "@/lib/locale";
import { log } from "@/lib/log";
import { messagesFor } from "./messages";

/**
 * The language of this request (README "Languages"): the signed-in person's setting, else the browser's
 * Accept-Language. No locale in the URL. currentUser() is the render's cached session read, so this adds no query.
 */
export default getRequestConfig(async ({ locale: requested }) => {
  const locale = isLocale(requested)
    ? requested
    : resolveLocale((await currentUser())?.locale, (await headers()).get("accept-language"));
  return {
    locale,
    messages: messagesFor(locale),
    // Server-rendered dates are company days or UTC instants; <LocalDate> shows instants in the reader's zone.
    timeZone: "UTC",
    onError(error) {
      log.error("translation failed", { code: error.code, message: error.message });
    },
  };
});

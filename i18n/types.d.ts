import type { Locale } from "@/lib/locale";
import type en from "@/messages/en.json";

// Typed keys: a message key that is not in messages/en.json fails the type check.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}

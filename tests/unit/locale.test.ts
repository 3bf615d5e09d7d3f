import { describe, expect, test } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "@/lib/locale";

describe("a person's language", () => {
  test("the browser's best match among ours, by quality, else English", () => {
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(localeFromAcceptLanguage("it-IT,fr;q=0.7,en;q=0.5")).toBe("fr");
    expect(localeFromAcceptLanguage("es-MX")).toBe("es");
    expect(localeFromAcceptLanguage("ja,zh;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("\u0000;;q=x,--")).toBe("en");
  });

  test("their own setting wins over the browser; an unknown setting is ignored", () => {
    expect(resolveLocale("fr", "de")).toBe("fr");
    expect(resolveLocale(null, "de")).toBe("de");
    expect(resolveLocale("it", "es")).toBe("es");
  });
});

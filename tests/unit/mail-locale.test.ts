import { describe, expect, it } from "vitest";
import { mailLocale, mailTranslator } from "@/lib/mail-locale";

describe("notification mails' language", () => {
  it("is the recipient's setting, else English (a mail has no browser)", () => {
    expect(mailLocale("de")).toBe("de");
    expect(mailLocale(null)).toBe("en");
    expect(mailLocale("xx")).toBe("en");
  });

  it("writes the challenge result in the recipient's language with their number format", () => {
    const values = { reached: "yes", progress: 1234, goal: 5000, metric: "counted_clicks" };
    expect(mailTranslator(null)("challenge.result", values)).toBe("Goal reached: 1,234 of 5,000 counted clicks.");
    expect(mailTranslator("de")("challenge.result", { ...values, reached: "no" })).toBe(
      "Ziel nicht erreicht: 1.234 von 5.000 gezählten Klicks.",
    );
    expect(mailTranslator("fr")("digest.subject", { count: 1 })).toBe(
      "Votre semaine Chorus : 1 nouvelle publication à partager",
    );
  });
});

import { describe, expect, test } from "vitest";
import { translateFields, translateMessage } from "@/i18n/errors";
import { postInput, signInInput } from "@/lib/validation";

const errorsOf = (result: { success: boolean; error?: { flatten(): { fieldErrors: object } } }) =>
  (result.error?.flatten().fieldErrors ?? {}) as Record<string, string[]>;

describe("form errors in the person's language", () => {
  test("the shared text rule's messages, with their label and number, in German, French and Spanish", () => {
    const fields = errorsOf(postInput.safeParse({ title: "t".repeat(201), url: "ftp://x", commentary: "a\u0000b" }));
    expect(fields.title).toEqual(["The title is at most 200 characters"]);
    expect(translateFields(fields, "de")).toMatchObject({
      title: ["Der Titel darf höchstens 200 Zeichen lang sein"],
      url: ["Geben Sie einen vollständigen http://- oder https://-Link ein"],
      commentary: [
        "Der Begleittext enthält ein Steuerzeichen oder fehlerhaften Text (nur Tabulatoren und Zeilenumbrüche sind erlaubt)",
      ],
    });
    expect(translateMessage("The commentary is at most 3,000 characters", "de")).toBe(
      "Der Begleittext darf höchstens 3.000 Zeichen lang sein",
    );
    expect(translateMessage("The commentary is at most 3,000 characters", "fr")).toMatch(/^Le commentaire : 3\s000 /);
    const email = errorsOf(signInInput.safeParse({ email: "not an address" })).email;
    expect(translateFields({ email }, "es").email).toEqual(["Escribe tu dirección de correo del trabajo"]);
  });

  test("English stays as written, and a message without a translation stays English", () => {
    expect(translateMessage("The title is at most 200 characters", "en")).toBe("The title is at most 200 characters");
    expect(translateMessage("Something nobody translated", "fr")).toBe("Something nobody translated");
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { makeUser } from "@/tests/helpers";

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { saveLanguageAction } = await import("@/app/(app)/me/actions");

const save = (locale: string) => {
  const form = new FormData();
  form.set("locale", locale);
  return saveLanguageAction(null, form);
};
const localeOf = async (id: string) =>
  (await db.select({ locale: users.locale }).from(users).where(eq(users.id, id)))[0]?.locale;

describe("the language setting", () => {
  test("a person saves their own language, and the browser's default as null", async () => {
    const advocate = await makeUser(["advocate"]);
    const other = await makeUser(["advocate"]);
    signedIn.user = advocate;
    expect(await save("de")).toEqual({ ok: true, locale: "de" });
    expect(await localeOf(advocate.id)).toBe("de");
    expect(await localeOf(other.id)).toBeNull();
    expect(await save("")).toEqual({ ok: true, locale: null });
    expect(await localeOf(advocate.id)).toBeNull();
  });

  test("a language we do not speak is refused as a field error and nothing changes", async () => {
    const advocate = await makeUser(["advocate"]);
    signedIn.user = advocate;
    await save("fr");
    for (const bad of ["it", "DE", "de-DE", "english"]) {
      const result = await save(bad);
      expect(result).toMatchObject({ ok: false, code: "invalid", fields: { locale: [expect.any(String)] } });
    }
    expect(await localeOf(advocate.id)).toBe("fr");
  });

  test("signed out, nothing is saved", async () => {
    signedIn.user = null;
    expect(await save("es")).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

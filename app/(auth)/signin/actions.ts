"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { formLocale, translateFields } from "@/i18n/errors";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/origin";
import { signInInput } from "@/lib/validation";

export type SignInState = { error?: string; fields?: { email?: string[] } };

export async function requestSignInLink(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { fields: translateFields({ email: parsed.error.flatten().fieldErrors.email }, await formLocale(null)) };
  }
  const callbackUrl = safeCallbackPath(parsed.data.callbackUrl);
  const t = await getTranslations("SignIn");
  const refused = { fields: { email: [t("refused")] } };
  try {
    // Without Auth.js's own redirect (it would land on /api/auth/verify-request first); a refusal
    // comes back as ?error=.
    const next: unknown = await signIn("email", { email: parsed.data.email, redirectTo: callbackUrl, redirect: false });
    const error = typeof next === "string" ? new URL(next, "http://chorus.invalid").searchParams.get("error") : null;
    if (error === "AccessDenied") return refused;
    if (error) return { error: t("failed") };
  } catch (error) {
    if (error instanceof AuthError && error.type === "AccessDenied") return refused;
    if (error instanceof AuthError) return { error: t("failed") };
    throw error;
  }
  redirect("/signin/check");
}

/** Starts single sign-on: Auth.js redirects to the identity provider, which comes back to /api/auth/callback/oidc. */
export async function signInWithSso(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

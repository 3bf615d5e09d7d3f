"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { requestSignInLink, type SignInState } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("SignIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(requestSignInLink, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/feed"} />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={state.fields?.email}
        placeholder={t("emailPlaceholder")}
      />
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}

"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ suggestionId: number }> | null;

export function SuggestForm({ save }: { save: (previous: Result, formData: FormData) => Promise<Result> }) {
  const t = useTranslations("suggest");
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="mt-6 max-w-xl space-y-4" noValidate>
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      {state?.ok && <FormSaved>{t("saved")}</FormSaved>}
      <TextField label={t("link")} name="url" type="url" required placeholder="https://" errors={fields?.url} />
      <TextAreaField
        label={t("note")}
        name="note"
        rows={3}
        maxLength={500}
        errors={fields?.note}
        hint={t("noteHint")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}

"use client";

import { Button } from "@/components/ui/button";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ hideName: boolean }> | null;

export function PrivacyForm({
  hideName,
  save,
}: {
  hideName: boolean;
  save: (previous: Result, formData: FormData) => Promise<Result>;
}) {
  const t = useTranslations("Privacy");
  const tc = useTranslations("Common");
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const hidden = state?.ok ? state.hideName : hideName;
  return (
    <form action={formAction} className="mt-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <label className="flex items-start gap-3">
        <input
          key={String(hidden)}
          type="checkbox"
          name="hideName"
          defaultChecked={hidden}
          className="mt-0.5 h-4 w-4"
        />
        <span>
          <span className="font-medium text-slate-800">{t("hideName")}</span>
          <span className="block text-slate-600">{t("hideNameHint")}</span>
        </span>
      </label>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" disabled={pending} variant="secondary" size="xs">
          {pending ? tc("saving") : tc("save")}
        </Button>
        {state?.ok && (
          <p role="status" className="text-green-800" data-testid="privacy-saved">
            {state.hideName ? t("hidden") : t("shown")}
          </p>
        )}
        {state && !state.ok && (
          <p role="alert" className="text-red-700">
            {state.error}
          </p>
        )}
      </div>
    </form>
  );
}

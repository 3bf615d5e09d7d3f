"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/action";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/locale";

type Result = ActionResult<{ locale: Locale | null }> | null;

/** The person's language: one of ours, or whatever their browser asks for. Each language is named in itself. */
export function LanguageForm({
  locale,
  save,
}: {
  locale: Locale | null;
  save: (previous: Result, formData: FormData) => Promise<Result>;
}) {
  const t = useTranslations("Language");
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const router = useRouter();
  // The whole page, its menu and <html lang> render again in the chosen language.
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const current = state?.ok ? state.locale : locale;
  return (
    <form
      action={formAction}
      data-testid="language-form"
      className="mt-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <label className="block max-w-xs">
        <span className="font-medium text-slate-800">{t("label")}</span>
        <Select key={current ?? ""} name="locale" defaultValue={current ?? ""}>
          <option value="">{t("browserDefault")}</option>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </Select>
      </label>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" disabled={pending} variant="secondary" size="xs">
          {pending ? t("saving") : t("save")}
        </Button>
        {state?.ok && (
          <p role="status" className="text-green-800" data-testid="language-saved">
            {t("saved")}
          </p>
        )}
        {state && !state.ok && (
          <p role="alert" className="text-red-700">
            {state.fields?.locale?.[0] ?? state.error}
          </p>
        )}
      </div>
    </form>
  );
}

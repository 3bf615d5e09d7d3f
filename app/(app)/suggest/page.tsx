import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth";
import { suggestAction } from "./actions";
import { SuggestForm } from "./suggest-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("suggest"))("title") };
}

export default async function SuggestPage() {
  await requirePermission("suggestions.create", "/suggest");
  const t = await getTranslations("suggest");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("intro")}</p>
      <SuggestForm save={suggestAction} />
    </>
  );
}

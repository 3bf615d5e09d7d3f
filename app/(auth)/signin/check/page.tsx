import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { outboxEnabled } from "@/lib/mail";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SignIn"))("checkTitle") };
}
export const dynamic = "force-dynamic";

export default async function CheckEmailPage() {
  const t = await getTranslations("SignIn");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("checkTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("checkText")}</p>
      {outboxEnabled() && (
        <p className="mt-4 text-sm">
          {t.rich("checkOutbox", {
            outbox: (chunks) => (
              <Link className="text-indigo-700 underline" href="/dev/outbox">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SignIn"))("errorTitleShort") };
}

const MESSAGES = { AccessDenied: "refused", Verification: "errorExpired" } as const;

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const t = await getTranslations("SignIn");
  const known = error === "AccessDenied" || error === "Verification" ? MESSAGES[error] : null;
  return (
    <>
      <h1 className="text-xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600" role="alert">
        {t(known ?? "errorOther")}
      </p>
      <Link href="/signin" className="mt-4 inline-block text-sm text-indigo-700 underline">
        {t("back")}
      </Link>
    </>
  );
}

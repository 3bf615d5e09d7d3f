import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { currentUser, oidcProvider } from "@/lib/auth";
import { outboxEnabled } from "@/lib/mail";
import { signInWithSso } from "./actions";
import { SignInForm } from "./signin-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SignIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect("/feed");
  const sso = oidcProvider();
  const t = await getTranslations("SignIn");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("intro")}</p>
      <SignInForm callbackUrl={callbackUrl} />
      {sso && (
        <form action={signInWithSso} className="mt-4 border-t border-slate-200 pt-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/feed"} />
          <Button type="submit" variant="secondary" className="w-full">
            {t("sso", { provider: sso.name })}
          </Button>
        </form>
      )}
      <p className="mt-4 text-xs text-slate-500">
        <Link className="text-indigo-700 underline" href="/how-points-work">
          {t("howPointsWork")}
        </Link>
      </p>
      {outboxEnabled() && (
        <p className="mt-4 text-xs text-slate-500">
          {t.rich("demoOutbox", {
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

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { currentUser, oidcProvider } from "@/lib/auth";
import { outboxEnabled } from "@/lib/mail";
import { signInWithSso } from "./actions";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentUser()) redirect("/feed");
  const sso = oidcProvider();
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        We will email you a link that signs you in. No password needed.
      </p>
      <SignInForm callbackUrl={callbackUrl} />
      {sso && (
        <form action={signInWithSso} className="mt-4 border-t border-slate-200 pt-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/feed"} />
          <Button type="submit" variant="secondary" className="w-full">
            Sign in with {sso.name}
          </Button>
        </form>
      )}
      <p className="mt-4 text-xs text-slate-500">
        <Link className="text-indigo-700 underline" href="/how-points-work">
          How points work
        </Link>
      </p>
      {outboxEnabled() && (
        <p className="mt-4 text-xs text-slate-500">
          Demo mode: mail is not sent but kept in the{" "}
          <Link className="text-indigo-700 underline" href="/dev/outbox">
            outbox
          </Link>
          .
        </p>
      )}
    </>
  );
}

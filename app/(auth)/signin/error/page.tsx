import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, string> = {
  AccessDenied: "This address may not sign in. Ask an admin to invite you, or use your work address.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Could not sign you in</h1>
      <p className="mt-2 text-sm text-slate-600" role="alert">
        {MESSAGES[error ?? ""] ?? "Something went wrong while signing you in. Try again."}
      </p>
      <Link href="/signin" className="mt-4 inline-block text-sm text-indigo-700 underline">
        Back to sign-in
      </Link>
    </>
  );
}

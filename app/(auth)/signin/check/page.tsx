import type { Metadata } from "next";
import Link from "next/link";
import { outboxEnabled } from "@/lib/mail";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">Check your email</h1>
      <p className="mt-2 text-sm text-slate-600">A sign-in link is on its way. It works once, within 24 hours.</p>
      {outboxEnabled() && (
        <p className="mt-4 text-sm">
          Demo mode:{" "}
          <Link className="text-indigo-700 underline" href="/dev/outbox">
            open the outbox
          </Link>{" "}
          to find the mail.
        </p>
      )}
    </>
  );
}

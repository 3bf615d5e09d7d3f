import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LocalDate } from "@/components/local-date";
import { listOutbox, outboxEnabled } from "@/lib/mail";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Development/demo only: the mail Chorus would have sent. Never served in production with SMTP. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  if (!outboxEnabled()) notFound();
  const { to } = await searchParams;
  const recipient = typeof to === "string" && to.length > 0 && to.length <= 320 ? to.toLowerCase() : undefined;
  const messages = await listOutbox({ to: recipient });
  return (
    <main className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="mt-1 text-sm text-slate-600">
        Mail written here because no SMTP server is configured. Newest first.
      </p>
      {messages.length === 0 && (
        <p className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500">
          No mail yet.
        </p>
      )}
      <ul className="mt-6 space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="outbox-message">
            <p className="text-sm text-slate-500">
              To{" "}
              <span className="font-medium text-slate-800" data-testid="outbox-to">
                {message.to}
              </span>{" "}
              · <LocalDate value={message.createdAt} />
            </p>
            <p className="mt-1 font-medium">{message.subject}</p>
            <div className="mt-2 whitespace-pre-wrap break-all text-sm">
              {message.text.split(/(https?:\/\/\S+)/).map((part, i) =>
                /^https?:\/\//.test(part) ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text never move
                  <a key={i} href={part} className="text-indigo-700 underline">
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}

"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";

type Accepted = ActionResult<{ postId: number }> | null;
type Declined = ActionResult | null;

/** Accept into a draft, or decline with a comment mailed back to the advocate. */
export function InboxControls({
  suggestionId,
  accept,
  decline,
}: {
  suggestionId: number;
  accept: (previous: Accepted, formData: FormData) => Promise<Accepted>;
  decline: (previous: Declined, formData: FormData) => Promise<Declined>;
}) {
  const [accepted, acceptAction, accepting] = useActionState<Accepted, FormData>(accept, null);
  const [declined, declineAction, declining] = useActionState<Declined, FormData>(decline, null);
  if (accepted?.ok)
    return (
      <p role="status" className="mt-3 text-sm text-green-800">
        Accepted: <Link href={`/library/${accepted.postId}/edit`}>edit the draft</Link>.
      </p>
    );
  if (declined?.ok)
    return (
      <p role="status" className="mt-3 text-sm text-slate-700">
        Declined.
      </p>
    );
  const commentErrors = declined && !declined.ok ? declined.fields?.comment : undefined;
  const failure = [accepted, declined].find((state) => state && !state.ok);
  return (
    <div className="mt-3 flex flex-wrap items-start gap-3">
      {failure && !failure.ok && !commentErrors && (
        <p role="alert" className="w-full text-sm text-red-700">
          {failure.error}
        </p>
      )}
      <form action={acceptAction}>
        <input type="hidden" name="suggestionId" value={suggestionId} />
        <Button type="submit" disabled={accepting}>
          {accepting ? "Making a draft…" : "Accept as draft"}
        </Button>
      </form>
      <form action={declineAction} className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="suggestionId" value={suggestionId} />
        <label className="sr-only" htmlFor={`decline-${suggestionId}`}>
          Why not
        </label>
        <input
          id={`decline-${suggestionId}`}
          name="comment"
          placeholder="Why not (mailed back)"
          aria-invalid={!!commentErrors}
          className="rounded-md border border-slate-300 px-2 py-2 text-sm"
        />
        <Button type="submit" disabled={declining} variant="secondary" size="sm">
          Decline
        </Button>
        {commentErrors?.map((error) => (
          <p key={error} role="alert" className="w-full text-sm text-red-700">
            {error}
          </p>
        ))}
      </form>
    </div>
  );
}

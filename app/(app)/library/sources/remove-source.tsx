"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ sourceId: number }> | null;

/** Removing a feed takes its items out of the inbox; drafts already made from them stay. */
export function RemoveSource({
  sourceId,
  name,
  remove,
}: {
  sourceId: number;
  name: string;
  remove: (previous: Result, formData: FormData) => Promise<Result>;
}) {
  const [state, formAction, pending] = useActionState(remove, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="sourceId" value={sourceId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Remove ${name}`}
        className="rounded-md border border-red-300 bg-white px-3 py-2 text-sm text-red-800 hover:bg-red-50"
      >
        Remove
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ jobId: number }> | null;

export function RetryButton({
  jobId,
  retry,
}: {
  jobId: number;
  retry: (previous: Result, formData: FormData) => Promise<Result>;
}) {
  const [state, formAction, pending] = useActionState(retry, null);
  return (
    <form action={formAction} className="mt-1">
      <input type="hidden" name="jobId" value={jobId} />
      <button type="submit" disabled={pending} className="text-indigo-700 underline">
        Retry
      </button>
      {state && !state.ok && (
        <span role="alert" className="ml-2">
          {state.error}
        </span>
      )}
    </form>
  );
}

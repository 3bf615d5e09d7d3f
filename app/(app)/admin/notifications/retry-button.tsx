"use client";

import { Button } from "@/components/ui/button";
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
      <Button type="submit" disabled={pending} variant="link">
        Retry
      </Button>
      {state && !state.ok && (
        <span role="alert" className="ml-2">
          {state.error}
        </span>
      )}
    </form>
  );
}

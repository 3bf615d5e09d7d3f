"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult | null;

export function SubmitForReview({
  postId,
  submit,
}: {
  postId: number;
  submit: (previous: Result, formData: FormData) => Promise<Result>;
}) {
  const [state, formAction, pending] = useActionState<Result, FormData>(submit, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="postId" value={postId} />
      <button type="submit" disabled={pending} className="text-sm font-medium text-indigo-700 underline">
        Submit for review
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

"use client";

import { Button } from "@/components/ui/button";
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
      <Button type="submit" disabled={pending} variant="link">
        Submit for review
      </Button>
      {state && !state.ok && (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

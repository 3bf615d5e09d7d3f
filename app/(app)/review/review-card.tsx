"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult | null;
type Act = (previous: Result, formData: FormData) => Promise<Result>;

export function ReviewControls({
  postId,
  ownPost,
  approve,
  reject,
}: {
  postId: number;
  ownPost: boolean;
  approve: Act;
  reject: Act;
}) {
  const t = useTranslations("review");
  const [approveState, approveAction, approving] = useActionState<Result, FormData>(approve, null);
  const [rejectState, rejectAction, rejecting] = useActionState<Result, FormData>(reject, null);
  const failure = [approveState, rejectState].find((s) => s && !s.ok);
  const rejectErrors = rejectState && !rejectState.ok ? rejectState.fields?.comment : undefined;
  return (
    <div className="mt-4 space-y-3">
      {failure && !failure.ok && !rejectErrors && (
        <p role="alert" className="text-sm text-red-700">
          {failure.error}
        </p>
      )}
      {ownPost ? (
        <p className="text-sm text-slate-600">{t("ownPost")}</p>
      ) : (
        <form action={approveAction}>
          <input type="hidden" name="postId" value={postId} />
          <Button type="submit" disabled={approving}>
            {t("approve")}
          </Button>
        </form>
      )}
      <form action={rejectAction} className="space-y-2">
        <input type="hidden" name="postId" value={postId} />
        <label htmlFor={`comment-${postId}`} className="block text-sm font-medium">
          {t("rejectReason")}
        </label>
        <textarea
          id={`comment-${postId}`}
          name="comment"
          rows={2}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          aria-invalid={!!rejectErrors}
        />
        {rejectErrors?.map((e) => (
          <p key={e} role="alert" className="text-sm text-red-700">
            {e}
          </p>
        ))}
        <Button type="submit" variant="danger" disabled={rejecting}>
          {t("reject")}
        </Button>
      </form>
    </div>
  );
}

"use client";

import { Button } from "@/components/ui/button";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<Record<string, unknown>> | null;
type Act = (previous: Result, formData: FormData) => Promise<Result>;

function ActionButton({
  postId,
  act,
  label,
  confirm,
  variant = "secondary",
  onDone,
}: {
  postId: number;
  act: Act;
  label: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
  onDone?: (result: Result) => void;
}) {
  const [state, formAction, pending] = useActionState<Result, FormData>(act, null);
  useEffect(() => {
    if (state?.ok) onDone?.(state);
  }, [state, onDone]);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      <input type="hidden" name="postId" value={postId} />
      <Button type="submit" disabled={pending} variant={variant} size="sm">
        {label}
      </Button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

export function PostActions({
  postId,
  status,
  submit,
  archive,
  duplicate,
}: {
  postId: number;
  status: string;
  submit: Act;
  archive: Act;
  duplicate: Act;
}) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      {status !== "archived" && (
        <a
          href={`/library/${postId}/edit`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Edit
        </a>
      )}
      {status === "draft" && (
        <ActionButton
          postId={postId}
          act={submit}
          label="Submit for review"
          variant="primary"
          onDone={() => router.refresh()}
        />
      )}
      <ActionButton
        postId={postId}
        act={duplicate}
        label="Duplicate"
        onDone={(r) => r?.ok && router.push(`/library/${(r as unknown as { postId: number }).postId}`)}
      />
      {status !== "archived" && (
        <ActionButton
          postId={postId}
          act={archive}
          label="Archive"
          variant="danger"
          confirm="Archive this post? Its links will stop redirecting."
          onDone={() => router.refresh()}
        />
      )}
    </div>
  );
}

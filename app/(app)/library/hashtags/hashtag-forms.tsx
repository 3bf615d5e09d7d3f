"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Action<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T> | null>;

function failure<T>(state: ActionResult<T> | null) {
  return state && !state.ok ? state : null;
}

export function NewHashtagForm({ create }: { create: Action<{ tag: string }> }) {
  const [state, formAction, pending] = useActionState(create, null);
  const [tag, setTag] = useState("");
  const [description, setDescription] = useState("");
  useEffect(() => {
    if (state?.ok) {
      setTag("");
      setDescription("");
    }
  }, [state]);
  const failed = failure(state);
  return (
    <form action={formAction} className="mt-3 space-y-3" noValidate>
      {failed && !failed.fields && (
        <p role="alert" className="text-sm text-red-700">
          {failed.error}
        </p>
      )}
      <TextField
        label="Hashtag"
        name="tag"
        value={tag}
        onChange={(e) => setTag(e.target.value)}
        placeholder="#cloud"
        errors={failed?.fields?.tag}
        hint="Letters, digits and _ only; # is optional; case does not matter."
      />
      <TextField
        label="Description"
        name="description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        maxLength={200}
        errors={failed?.fields?.description}
        hint="Optional: when to use it."
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add hashtag"}
        </Button>
        {state?.ok && (
          <p role="status" className="text-sm text-green-800">
            Added #{state.tag}.
          </p>
        )}
      </div>
    </form>
  );
}

export function EditHashtag({
  hashtagId,
  tag,
  description,
  save,
}: {
  hashtagId: number;
  tag: string;
  description: string | null;
  save: Action<{ tag: string }>;
}) {
  const [state, formAction, pending] = useActionState(save, null);
  const failed = failure(state);
  const id = (field: string) => `hashtag-${hashtagId}-${field}`;
  const errors = (field: string) => failed?.fields?.[field] ?? [];
  return (
    <details className="text-left" open={!!failed}>
      <summary className="cursor-pointer text-sm font-medium text-indigo-700">
        Edit<span className="sr-only"> #{tag}</span>
      </summary>
      <form action={formAction} className="mt-2 w-64 space-y-2" noValidate>
        <input type="hidden" name="hashtagId" value={hashtagId} />
        <div>
          <label htmlFor={id("tag")} className="block text-xs font-medium text-slate-700">
            Rename #{tag}
          </label>
          <input
            id={id("tag")}
            name="tag"
            defaultValue={tag}
            aria-invalid={errors("tag").length > 0}
            aria-describedby={errors("tag").length ? id("tag-error") : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          {errors("tag").map((error) => (
            <p key={error} id={id("tag-error")} role="alert" className="mt-1 text-xs text-red-700">
              {error}
            </p>
          ))}
        </div>
        <div>
          <label htmlFor={id("description")} className="block text-xs font-medium text-slate-700">
            Description of #{tag}
          </label>
          <input
            id={id("description")}
            name="description"
            defaultValue={description ?? ""}
            maxLength={200}
            aria-invalid={errors("description").length > 0}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          {errors("description").map((error) => (
            <p key={error} role="alert" className="mt-1 text-xs text-red-700">
              {error}
            </p>
          ))}
        </div>
        {failed && !failed.fields && (
          <p role="alert" className="text-xs text-red-700">
            {failed.error}
          </p>
        )}
        <Button type="submit" variant="secondary" disabled={pending} className="min-h-8 px-3 py-1">
          Save
        </Button>
        {state?.ok && (
          <p role="status" className="text-xs text-green-800">
            Saved #{state.tag}.
          </p>
        )}
      </form>
    </details>
  );
}

export function RetireHashtag({
  hashtagId,
  tag,
  retired,
  retire,
}: {
  hashtagId: number;
  tag: string;
  retired: boolean;
  retire: Action<{ retired: boolean }>;
}) {
  const [state, formAction, pending] = useActionState(retire, null);
  const failed = failure(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="hashtagId" value={hashtagId} />
      <input type="hidden" name="retired" value={retired ? "0" : "1"} />
      <Button type="submit" disabled={pending} variant="link">
        {retired ? "Restore" : "Retire"}
        <span className="sr-only"> #{tag}</span>
      </Button>
      {failed && (
        <p role="alert" className="text-xs text-red-700">
          {failed.error}
        </p>
      )}
    </form>
  );
}

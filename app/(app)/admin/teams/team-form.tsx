"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ name: string }> | null;

export function TeamForm({
  save,
  label,
  submit,
  teamId,
  initial = "",
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  label: string;
  submit: string;
  teamId?: number;
  initial?: string;
}) {
  const [state, formAction, pending] = useActionState(save, null);
  const id = `team-name-${teamId ?? "new"}`;
  const errors = state && !state.ok ? (state.fields?.name ?? [state.error]) : [];
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" noValidate>
      {teamId !== undefined && <input type="hidden" name="teamId" value={teamId} />}
      <div className="grow">
        <label htmlFor={id} className={teamId === undefined ? "block text-sm font-medium text-slate-800" : "sr-only"}>
          {label}
        </label>
        <input
          id={id}
          name="name"
          defaultValue={initial}
          aria-invalid={errors.length > 0}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      <Button type="submit" variant={teamId === undefined ? "primary" : "secondary"} disabled={pending}>
        {submit}
      </Button>
      {errors.map((error) => (
        <p key={error} role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ))}
      {state?.ok && (
        <p role="status" className="w-full text-sm text-green-800">
          Saved {state.name}.
        </p>
      )}
    </form>
  );
}

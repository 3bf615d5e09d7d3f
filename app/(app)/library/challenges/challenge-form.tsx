"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ challengeId: number }> | null;

export function ChallengeForm({
  save,
  teams,
  metrics,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  teams: { id: number; name: string }[];
  metrics: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(save, null);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {failed && <FormAlert>{failed.error}</FormAlert>}
      {state?.ok && <FormSaved>Challenge created.</FormSaved>}
      <TextField label="Title" name="title" maxLength={120} errors={fields?.title} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Counts" name="metric" defaultValue="counted_clicks">
          {metrics.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Goal" name="goal" type="number" min={1} errors={fields?.goal} />
      </div>
      <SelectField label="For" name="teamId" defaultValue="">
        <option value="">Everyone</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Starts on" name="startsOn" type="date" errors={fields?.startsOn} />
        <TextField label="Ends on" name="endsOn" type="date" errors={fields?.endsOn} />
      </div>
      <TextField
        label="Reward"
        name="reward"
        maxLength={300}
        errors={fields?.reward}
        hint="Announced with the result when the goal is reached."
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create challenge"}
      </Button>
    </form>
  );
}

"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult | null;
export type TargetValues = Record<
  "participation" | "counted_clicks" | "reshares" | "leads" | "revenue" | "revenueCurrency",
  string
>;

/** One quarter's targets for the company or one team; a blank field has no target. */
export function TargetsForm({
  save,
  quarter,
  teamId,
  initial,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  quarter: string;
  teamId: number | null;
  initial: TargetValues;
}) {
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="mt-6 max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="quarter" value={quarter} />
      <input type="hidden" name="teamId" value={teamId ?? ""} />
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      {state?.ok && <FormSaved>Targets saved.</FormSaved>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Participation (%)"
          name="participation"
          defaultValue={initial.participation}
          errors={fields?.participation}
          hint="Share of active advocates who share in the quarter."
          inputMode="decimal"
        />
        <TextField
          label="Counted clicks"
          name="counted_clicks"
          defaultValue={initial.counted_clicks}
          errors={fields?.counted_clicks}
          inputMode="numeric"
        />
        <TextField
          label="Reshares"
          name="reshares"
          defaultValue={initial.reshares}
          errors={fields?.reshares}
          inputMode="numeric"
        />
        <TextField label="Leads" name="leads" defaultValue={initial.leads} errors={fields?.leads} inputMode="numeric" />
        <TextField
          label="Revenue"
          name="revenue"
          defaultValue={initial.revenue}
          errors={fields?.revenue}
          hint="Won deals' amounts, in one currency; save again for another."
          inputMode="decimal"
        />
        <TextField
          label="Revenue currency"
          name="revenueCurrency"
          defaultValue={initial.revenueCurrency}
          errors={fields?.revenueCurrency}
          hint="ISO 4217, e.g. EUR."
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save targets"}
      </Button>
    </form>
  );
}

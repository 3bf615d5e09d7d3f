"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { SETTING_LABELS } from "./labels";

type Result = ActionResult<{ changed: string[] }> | null;
type Values = Record<
  | "attributionWindowDays"
  | "browserAmountCap"
  | "conversionKinds"
  | "programmeCostPerMonth"
  | "programmeCurrency"
  | "pointsConversion"
  | "influencedColumn",
  string
>;

/** Outcomes: how conversions are credited and what the programme costs (see README "Outcomes"). */
export function OutcomeSettingsForm({
  save,
  initial,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  initial: Values;
}) {
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="mt-10 max-w-2xl space-y-6" noValidate aria-labelledby="outcome-settings">
      <h2 id="outcome-settings" className="text-lg font-semibold">
        Outcomes
      </h2>
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      {state?.ok && (
        <FormSaved>
          {state.changed.length
            ? `Saved: ${state.changed.map((key) => SETTING_LABELS[key] ?? key).join(", ")}.`
            : "Nothing changed."}
        </FormSaved>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Attribution window (days)"
          name="attributionWindowDays"
          defaultValue={initial.attributionWindowDays}
          errors={fields?.attributionWindowDays}
          hint="From the visitor's first click; later conversions are unattributed."
          inputMode="numeric"
        />
        <TextField
          label="Browser amount cap"
          name="browserAmountCap"
          defaultValue={initial.browserAmountCap}
          errors={fields?.browserAmountCap}
          hint="Largest amount a conversion from the embed script may carry; 0: none."
          inputMode="decimal"
        />
        <TextField
          label="Programme cost per month"
          name="programmeCostPerMonth"
          defaultValue={initial.programmeCostPerMonth}
          errors={fields?.programmeCostPerMonth}
          hint="Licences, time, rewards: gives cost per lead and ROI."
          inputMode="decimal"
        />
        <TextField
          label="Programme currency"
          name="programmeCurrency"
          defaultValue={initial.programmeCurrency}
          errors={fields?.programmeCurrency}
          hint="ROI compares revenue in this currency only (no exchange rates)."
        />
        <TextField
          label="Points per conversion"
          name="pointsConversion"
          defaultValue={initial.pointsConversion}
          errors={fields?.pointsConversion}
          hint="Per credited conversion (a deal counts once); 0 leaves the leaderboard as it was."
          inputMode="numeric"
        />
        <SelectField
          label="“Influenced” leaderboard column"
          name="influencedColumn"
          defaultValue={initial.influencedColumn}
        >
          <option value="everyone">Shown to everyone</option>
          <option value="leaders">Leaders and admins only</option>
          <option value="off">Off</option>
        </SelectField>
        <div className="sm:col-span-2">
          <TextField
            label="Your own conversion kinds"
            name="conversionKinds"
            defaultValue={initial.conversionKinds}
            errors={fields?.conversionKinds}
            hint="Beside lead, signup, opportunity and won, e.g. demo_booked webinar; separated by spaces or commas."
          />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save outcome settings"}
      </Button>
    </form>
  );
}

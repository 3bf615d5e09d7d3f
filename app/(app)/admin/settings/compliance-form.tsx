"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { useSettingsForm } from "./use-settings-form";

type Result = ActionResult<{ changed: boolean }> | null;
type Values = { blockedWords: string; disclosure: string; scannerRanges: string; pointsSuggestion: string };

/** Blocked words, the required disclosure and mail-scanner ranges; refused input comes back as typed, with the field's error. */
export function ComplianceForm({
  save,
  initial: saved,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  initial: Values;
}) {
  const { state, pending, initial, fields, action } = useSettingsForm(save, saved);
  return (
    <form
      key={JSON.stringify(initial)}
      action={action}
      className="mt-4 max-w-2xl space-y-4"
      aria-label="Compliance"
      noValidate
    >
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      {state?.ok && <FormSaved>{state.changed ? "Compliance settings saved." : "Nothing changed."}</FormSaved>}
      <TextAreaField
        label="Blocked words and phrases"
        name="blockedWords"
        rows={5}
        defaultValue={initial.blockedWords}
        errors={fields?.blockedWords}
        hint="One per line. Refused in any caption as whole words, whatever the case or look-alike letters used."
      />
      <TextField
        label="Required disclosure"
        name="disclosure"
        defaultValue={initial.disclosure}
        errors={fields?.disclosure}
        placeholder="#employee"
        hint="Appended to every caption Chorus pre-fills; a share without it gets it added back."
      />
      <TextAreaField
        label="Mail scanner address ranges"
        name="scannerRanges"
        rows={4}
        defaultValue={initial.scannerRanges}
        errors={fields?.scannerRanges}
        placeholder={"40.92.0.0/15\n2a01:111:f400::/48"}
        hint="CIDR ranges, one per line: clicks from them are stored as scanner clicks and do not count. Known scanners are recognised by their browser name without this."
      />
      <TextField
        label="Points per accepted suggestion"
        name="pointsSuggestion"
        type="number"
        min={0}
        max={1000}
        defaultValue={initial.pointsSuggestion}
        errors={fields?.pointsSuggestion}
        hint="For an advocate whose suggested link a curator accepts (0: none)."
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save compliance settings"}
      </Button>
    </form>
  );
}

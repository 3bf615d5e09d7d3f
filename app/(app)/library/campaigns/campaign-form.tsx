"use client";

import { FormAlert } from "@/components/ui/form-message";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { SLUG_MAX, slugify } from "@/lib/slug";

type Result = ActionResult<{ campaignId: number }> | null;
export type CampaignValues = { name: string; slug: string; startsOn: string; endsOn: string; clickGoal: string };

const EMPTY: CampaignValues = { name: "", slug: "", startsOn: "", endsOn: "", clickGoal: "" };

/**
 * New or existing campaign. For a new one the slug follows the name until the curator edits it;
 * an existing slug never changes by itself (it is in links already shared).
 */
export function CampaignForm({
  save,
  campaignId,
  initial = EMPTY,
  submitLabel,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  campaignId?: number;
  initial?: CampaignValues;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(save, null);
  const [values, setValues] = useState(initial);
  const [slugEdited, setSlugEdited] = useState(campaignId !== undefined);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok && campaignId === undefined) router.push(`/library/campaigns/${state.campaignId}`);
  }, [state, campaignId, router]);
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields;
  const set = (key: keyof CampaignValues) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  const slug = slugEdited ? values.slug : slugify(values.name);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {campaignId !== undefined && <input type="hidden" name="campaignId" value={campaignId} />}
      {failed && <FormAlert>{failed.error}</FormAlert>}
      <TextField
        label="Name"
        name="name"
        value={values.name}
        onChange={set("name")}
        maxLength={100}
        errors={fields?.name}
      />
      <TextField
        label="Slug"
        name="slug"
        value={slug}
        onChange={(event) => {
          setSlugEdited(true);
          setValues((v) => ({ ...v, slug: event.target.value }));
        }}
        maxLength={SLUG_MAX}
        errors={fields?.slug}
        hint="Sent as utm_campaign in every tracked link: lower-case letters, digits and hyphens. Suggested from the name."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Starts on"
          name="startsOn"
          type="date"
          value={values.startsOn}
          onChange={set("startsOn")}
          errors={fields?.startsOn}
        />
        <TextField
          label="Ends on"
          name="endsOn"
          type="date"
          value={values.endsOn}
          onChange={set("endsOn")}
          errors={fields?.endsOn}
        />
      </div>
      <TextField
        label="Click goal"
        name="clickGoal"
        type="number"
        inputMode="numeric"
        min={1}
        value={values.clickGoal}
        onChange={set("clickGoal")}
        errors={fields?.clickGoal}
        hint="Counted clicks the campaign's posts should earn (optional)."
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        {state?.ok && campaignId !== undefined && (
          <p role="status" className="text-sm text-green-800">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}

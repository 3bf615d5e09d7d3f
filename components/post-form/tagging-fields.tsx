import { useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import type { Bind, FieldErrors, PostFormOptions, PostFormValues, TextValues } from "./values";

/** Hashtags from the managed list, offered as the curator types. */
export function HashtagsField({
  values,
  set,
  fields,
  hashtags,
}: {
  values: TextValues;
  set: Bind;
  fields: FieldErrors;
  hashtags: string[];
}) {
  return (
    <div>
      <TextField
        label="Hashtags"
        name="hashtags"
        list="hashtag-options"
        placeholder="cloud, hiring"
        value={values.hashtags}
        onChange={set("hashtags")}
        errors={fields?.hashtags}
        hint="From the managed list; separated by commas or spaces; # is optional."
      />
      <datalist id="hashtag-options">
        {hashtags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
    </div>
  );
}

export function CaptionLockedField({ initial }: { initial: boolean }) {
  const [captionLocked, setCaptionLocked] = useState(initial);
  return (
    <div className="flex items-start gap-2">
      <input
        id="captionLocked"
        type="checkbox"
        name="captionLocked"
        value="1"
        checked={captionLocked}
        onChange={(e) => setCaptionLocked(e.target.checked)}
        className="mt-1"
        aria-describedby="captionLocked-hint"
      />
      <div>
        <label htmlFor="captionLocked" className="text-sm font-medium text-slate-800">
          Caption locked
        </label>
        <p id="captionLocked-hint" className="text-xs text-slate-500">
          Advocates share the caption exactly as written here; they cannot edit it.
        </p>
      </div>
    </div>
  );
}

export function CampaignField({
  initial,
  campaigns,
  errors,
}: {
  initial: PostFormValues["campaignId"] | undefined;
  campaigns: PostFormOptions["campaigns"];
  errors?: string[];
}) {
  return (
    <SelectField label="Campaign" name="campaignId" defaultValue={initial ?? ""} errors={errors}>
      <option value="">No campaign</option>
      {campaigns.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </SelectField>
  );
}

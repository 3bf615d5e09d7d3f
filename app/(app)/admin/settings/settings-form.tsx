"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { useSettingsForm } from "./use-settings-form";
import type { ScoringSetting } from "@/lib/points-rules";
import { SETTING_LABELS } from "./labels";

type Result = ActionResult<{ changed: string[] }> | null;
type Values = Record<ScoringSetting | "costPerClick" | "leaderboardBadges", string>;

export function SettingsForm({
  save,
  initial: saved,
  timeZones,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  initial: Values;
  timeZones: string[];
}) {
  const { state, pending, initial, fields, action } = useSettingsForm(save, saved);
  const number = { type: "number", inputMode: "numeric", min: 0, max: 1000, step: 1, required: true } as const;
  return (
    <form key={JSON.stringify(initial)} action={action} className="mt-6 max-w-2xl space-y-6" noValidate>
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      {state?.ok && (
        <FormSaved data-testid="settings-saved">
          {state.changed.length
            ? `Saved: ${state.changed.map((key) => SETTING_LABELS[key] ?? key).join(", ")}.`
            : "Nothing changed."}
        </FormSaved>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Points</legend>
        <TextField
          label="Share"
          name="pointsShare"
          defaultValue={initial.pointsShare}
          errors={fields?.pointsShare}
          hint="Per network a post is shared to."
          {...number}
        />
        <TextField
          label="Facebook share"
          name="pointsShareFacebook"
          defaultValue={initial.pointsShareFacebook}
          errors={fields?.pointsShareFacebook}
          hint="Facebook forbids rewarding posts: 0 keeps you within its policy."
          {...number}
        />
        <TextField
          label="Counted click"
          name="pointsClick"
          defaultValue={initial.pointsClick}
          errors={fields?.pointsClick}
          {...number}
        />
        <TextField
          label="Reshare"
          name="pointsReshare"
          defaultValue={initial.pointsReshare}
          errors={fields?.pointsReshare}
          {...number}
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Fair play and reporting</legend>
        <TextField
          label="Daily share cap"
          name="dailyShareCap"
          defaultValue={initial.dailyShareCap}
          errors={fields?.dailyShareCap}
          hint="Shares a day that earn share points."
          {...number}
        />
        <TextField
          label="External reshares per link a day"
          name="embedReshareDailyCap"
          defaultValue={initial.embedReshareDailyCap}
          errors={fields?.embedReshareDailyCap}
          hint="Reshares from the company's site credited to one link a day; more still count as reach."
          {...number}
        />
        <TextField
          label="Largest reported reshare count"
          name="reportedReshareEventCap"
          defaultValue={initial.reportedReshareEventCap}
          errors={fields?.reportedReshareEventCap}
          hint="An integration's event that reports more reshares than this is refused."
          {...number}
          min={1}
        />
        <TextField
          label="Cost per click"
          name="costPerClick"
          defaultValue={initial.costPerClick}
          errors={fields?.costPerClick}
          hint="What a paid click would cost: values earned media."
          inputMode="decimal"
          required
        />
        <div>
          <label htmlFor="leaderboardBadges" className="block text-sm font-medium text-slate-800">
            Badges on the leaderboard
          </label>
          <select
            id="leaderboardBadges"
            name="leaderboardBadges"
            defaultValue={initial.leaderboardBadges}
            aria-describedby="leaderboardBadges-hint"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="off">Off</option>
            <option value="shown">Shown beside names</option>
          </select>
          <p id="leaderboardBadges-hint" className="mt-1 text-xs text-slate-500">
            Everyone always sees their own badges on My stats; hidden names never show any.
          </p>
        </div>
        <div className="sm:col-span-2">
          <SelectField
            label="Company time zone"
            name="timeZone"
            defaultValue={initial.timeZone}
            errors={fields?.timeZone}
            hint="Weeks, months and quarters on the leaderboard and dashboard follow this zone. Activity already counted keeps its day."
          >
            {!timeZones.includes(initial.timeZone) && <option value={initial.timeZone}>{initial.timeZone}</option>}
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}

"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/action";

type Result = ActionResult<{ sourceId: number }> | null;
type Option = { id: number; name: string };
export type SourceValues = {
  name: string;
  url: string;
  hashtags: string[];
  campaignId: number | null;
  audience: "all" | "teams";
  teamIds: number[];
};

/** Add or edit a feed: its address and the defaults every draft made from its items starts with. */
export function SourceForm({
  save,
  sourceId,
  initial,
  campaigns,
  teams,
  submitLabel,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  sourceId?: number;
  initial?: SourceValues;
  campaigns: Option[];
  teams: Option[];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(save, null);
  // Controlled, so a refused save keeps what was typed (a form action resets uncontrolled fields).
  const [draft, setDraft] = useState(() => toDraft(initial));
  const set =
    (key: "name" | "url" | "hashtags" | "campaignId" | "audience") => (event: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: event.target.value }));
  useEffect(() => {
    if (state?.ok && sourceId === undefined) setDraft(toDraft());
  }, [state, sourceId]);
  const toggleTeam = (teamId: number) =>
    setDraft((d) => ({
      ...d,
      teamIds: d.teamIds.includes(teamId) ? d.teamIds.filter((t) => t !== teamId) : [...d.teamIds, teamId],
    }));
  const failed = state && !state.ok ? state : null;
  const fields = failed?.fields;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {sourceId !== undefined && <input type="hidden" name="sourceId" value={sourceId} />}
      {failed && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {failed.error}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="text-sm text-green-800">
          Saved. New items are read on the next poll.
        </p>
      )}
      <TextField label="Name" name="name" value={draft.name} onChange={set("name")} errors={fields?.name} />
      <TextField
        label="Feed address (RSS or Atom)"
        name="url"
        type="url"
        value={draft.url}
        onChange={set("url")}
        errors={fields?.url}
      />
      <TextField
        label="Default hashtags"
        name="hashtags"
        value={draft.hashtags}
        onChange={set("hashtags")}
        errors={fields?.hashtags}
        hint="From the hashtag list, separated by spaces or commas."
      />
      <label className="block text-sm font-medium text-slate-800">
        Campaign
        <Select name="campaignId" value={draft.campaignId} onChange={set("campaignId")}>
          <option value="">No campaign</option>
          {campaigns.map((campaign) => (
            <option key={campaign.id} value={campaign.id}>
              {campaign.name}
            </option>
          ))}
        </Select>
      </label>
      <FieldErrors errors={fields?.campaignId} />
      <label className="block text-sm font-medium text-slate-800">
        Audience
        <Select name="audience" value={draft.audience} onChange={set("audience")}>
          <option value="all">Everyone</option>
          <option value="teams">Chosen teams</option>
        </Select>
      </label>
      {teams.length > 0 && (
        <fieldset className="text-sm">
          <legend className="font-medium text-slate-800">Teams (for "Chosen teams")</legend>
          {teams.map((team) => (
            <label key={team.id} className="mr-4 inline-flex items-center gap-1">
              <input
                type="checkbox"
                name="teamIds"
                value={team.id}
                checked={draft.teamIds.includes(team.id)}
                onChange={() => toggleTeam(team.id)}
              />
              {team.name}
            </label>
          ))}
        </fieldset>
      )}
      <FieldErrors errors={fields?.teamIds} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}

function toDraft(initial?: SourceValues) {
  return {
    name: initial?.name ?? "",
    url: initial?.url ?? "",
    hashtags: initial?.hashtags.map((tag) => `#${tag}`).join(" ") ?? "",
    campaignId: initial?.campaignId ? String(initial.campaignId) : "",
    audience: initial?.audience ?? "all",
    teamIds: initial?.teamIds ?? [],
  };
}

function FieldErrors({ errors }: { errors?: string[] }) {
  return errors?.map((error) => (
    <p key={error} role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ));
}

"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Values = { allowedDomains: string; embedOrigins: string; slackWebhookUrl: string; teamsWebhookUrl: string };
type SaveResult = ActionResult<{ changed: string[] }> | null;
type RotateResult = ActionResult<{ secret: string }> | null;

/** zod reports list items by index ("allowedDomains.2" is flattened under allowedDomains). */
export function IntegrationsForm({
  save,
  initial,
  fromEnvironment,
}: {
  save: (previous: SaveResult, formData: FormData) => Promise<SaveResult>;
  initial: Values;
  fromEnvironment: { slack: boolean; teams: boolean; embed: boolean };
}) {
  const [state, formAction, pending] = useActionState(save, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="mt-6 max-w-2xl space-y-5" noValidate>
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      {state?.ok && <FormSaved>{state.changed.length ? "Saved." : "Nothing changed."}</FormSaved>}
      <TextAreaField
        label="Allowed sign-up domains"
        name="allowedDomains"
        rows={3}
        defaultValue={initial.allowedDomains}
        errors={fields?.allowedDomains}
        hint="One per line, e.g. example.com. Anyone with an address there joins as an advocate on first sign-in; invitations are limited to them. Empty: only invited people get in."
      />
      <TextAreaField
        label="Embed script origins"
        name="embedOrigins"
        rows={3}
        defaultValue={initial.embedOrigins}
        errors={fields?.embedOrigins}
        hint={`Sites allowed to use /embed.js, one per line, e.g. https://www.example.com.${fromEnvironment.embed ? " CHORUS_EMBED_ORIGINS adds more on this server." : ""}`}
      />
      <TextField
        label="Slack incoming webhook URL"
        name="slackWebhookUrl"
        defaultValue={initial.slackWebhookUrl}
        errors={fields?.slackWebhookUrl}
        hint={
          fromEnvironment.slack
            ? "SLACK_WEBHOOK_URL is set on the server and is used instead."
            : "New live posts are announced there. Empty: off."
        }
      />
      <TextField
        label="Teams incoming webhook URL"
        name="teamsWebhookUrl"
        defaultValue={initial.teamsWebhookUrl}
        errors={fields?.teamsWebhookUrl}
        hint={
          fromEnvironment.teams
            ? "TEAMS_WEBHOOK_URL is set on the server and is used instead."
            : "New live posts are announced there. Empty: off."
        }
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save integrations"}
      </Button>
    </form>
  );
}

export function RotateSecretForm({
  rotate,
}: {
  rotate: (previous: RotateResult, formData: FormData) => Promise<RotateResult>;
}) {
  const [state, formAction, pending] = useActionState(rotate, null);
  return (
    <form action={formAction} className="mt-3 space-y-3">
      {state?.ok && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Your new webhook secret. Copy it now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white p-2 font-mono" data-testid="new-webhook-secret">
            {state.secret}
          </code>
        </div>
      )}
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Rotating…" : "Make a new secret"}
      </Button>
    </form>
  );
}

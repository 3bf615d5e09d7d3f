"use client";

import { FormAlert } from "@/components/ui/form-message";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Created = ActionResult<{ token: string; name: string }> | null;
type Revoked = ActionResult | null;

const EXPIRY = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

export function CreateTokenForm({ create }: { create: (previous: Created, formData: FormData) => Promise<Created> }) {
  const [state, formAction, pending] = useActionState<Created, FormData>(create, null);
  const [copied, setCopied] = useState(false);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <div className="mt-6 max-w-2xl">
      {state?.ok && (
        <div
          role="status"
          className="mb-6 rounded-md border border-green-200 bg-green-50 p-4 text-sm text-green-900"
          data-testid="new-token"
        >
          <p className="font-medium">Token “{state.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="new-token-value">
              {state.token}
            </code>
            <Button
              type="button"
              variant="secondary"
              onClick={() =>
                void navigator.clipboard?.writeText(state.token).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}
      {state && !state.ok && <FormAlert className="mb-4">{state.error}</FormAlert>}
      <form
        action={formAction}
        className="space-y-4 rounded-md border border-slate-200 bg-white p-4"
        onSubmit={() => setCopied(false)}
      >
        <h2 className="text-lg font-semibold">New token</h2>
        <TextField
          label="Token name"
          name="name"
          required
          maxLength={100}
          errors={fields?.name}
          hint="What will use it, e.g. “Weekly report script”."
        />
        <SelectField label="Expires after" name="expiresInDays" defaultValue="90" errors={fields?.expiresInDays}>
          {EXPIRY.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="readOnly" className="h-4 w-4" />
          Read-only (may read, never create or change)
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}

export function RevokeTokenButton({
  id,
  name,
  revoke,
}: {
  id: number;
  name: string;
  revoke: (previous: Revoked, formData: FormData) => Promise<Revoked>;
}) {
  const [state, formAction, pending] = useActionState<Revoked, FormData>(revoke, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

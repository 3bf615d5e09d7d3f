import { useEffect, useState } from "react";
import { FieldErrorList } from "./field-errors";

/** ISO → the value a datetime-local input shows, in the reader's own time zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A date and time in the reader's zone, sent as ISO in a hidden field. */
function LocalDateTimeField({
  name,
  label,
  initialIso,
  hint,
  errors,
}: {
  name: "publishAt" | "expireAt";
  label: string;
  initialIso: string | null;
  hint: string;
  errors?: string[];
}) {
  const [local, setLocal] = useState("");
  // Set after mounting: the server does not know the reader's time zone.
  useEffect(() => setLocal(toLocalInput(initialIso)), [initialIso]);
  return (
    <div>
      <label htmlFor={`${name}Local`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`${name}Local`}
        type="datetime-local"
        value={local}
        onChange={(e) => setLocal(e.target.value)}
        aria-invalid={!!errors}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <input type="hidden" name={name} value={local ? new Date(local).toISOString() : ""} />
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
      <FieldErrorList errors={errors} />
    </div>
  );
}

/** When the post goes live and when it expires. */
export function ScheduleFields({
  publishAt,
  expireAt,
  fields,
}: {
  publishAt: string | null;
  expireAt: string | null;
  fields?: Record<string, string[] | undefined>;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <LocalDateTimeField
        name="publishAt"
        label="Publish at"
        initialIso={publishAt}
        hint="Empty: as soon as it is approved. Your time zone."
        errors={fields?.publishAt}
      />
      <LocalDateTimeField
        name="expireAt"
        label="Expire at"
        initialIso={expireAt}
        hint="Empty: never expires."
        errors={fields?.expireAt}
      />
    </div>
  );
}

import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { Select } from "@/components/ui/select";

type Common = { label: string; name: string; errors?: string[]; hint?: string };

/** The label above, the hint and the errors below, and the ARIA links between them. */
function FieldShell({
  label,
  name,
  errors,
  hint,
  control,
}: Common & { control: (aria: { "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode }) {
  const describedBy = errors?.length ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {control({ "aria-invalid": !!errors?.length, "aria-describedby": describedBy })}
      {hint && (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.map((error) => (
        <p key={error} id={`${name}-error`} className="mt-1 text-sm text-red-700" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-1 focus:ring-indigo-600";
const border = (errors?: string[]) => (errors?.length ? "border-red-500" : "border-slate-300");

export function TextField({ label, name, errors, hint, ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell
      {...{ label, name, errors, hint }}
      control={(aria) => (
        <input id={name} name={name} {...aria} className={`${inputClass} ${border(errors)}`} {...props} />
      )}
    />
  );
}

export function TextAreaField({
  label,
  name,
  errors,
  hint,
  ...props
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell
      {...{ label, name, errors, hint }}
      control={(aria) => (
        <textarea id={name} name={name} {...aria} className={`${inputClass} ${border(errors)}`} {...props} />
      )}
    />
  );
}

/** A labelled drop-down of a form, with its hint and errors as the text fields have them. */
export function SelectField({ label, name, errors, hint, ...props }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell
      {...{ label, name, errors, hint }}
      control={(aria) => <Select id={name} name={name} {...aria} className="mt-1 block w-full text-sm" {...props} />}
    />
  );
}

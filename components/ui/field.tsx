import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

type Common = { label: string; name: string; errors?: string[]; hint?: string };

function Messages({ name, errors, hint }: Pick<Common, "name" | "errors" | "hint">) {
  return (
    <>
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
    </>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-1 focus:ring-indigo-600";

export function TextField({ label, name, errors, hint, ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={!!errors?.length}
        aria-describedby={errors?.length ? `${name}-error` : hint ? `${name}-hint` : undefined}
        className={`${inputClass} ${errors?.length ? "border-red-500" : "border-slate-300"}`}
        {...props}
      />
      <Messages name={name} errors={errors} hint={hint} />
    </div>
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
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        aria-invalid={!!errors?.length}
        aria-describedby={errors?.length ? `${name}-error` : hint ? `${name}-hint` : undefined}
        className={`${inputClass} ${errors?.length ? "border-red-500" : "border-slate-300"}`}
        {...props}
      />
      <Messages name={name} errors={errors} hint={hint} />
    </div>
  );
}

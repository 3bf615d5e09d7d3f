import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/action";

/**
 * The state of an admin settings form. React resets a form after its action, so a refused form comes back with
 * what the admin typed (not the saved values) and each field's errors; `action` keeps what was typed.
 */
export function useSettingsForm<T, V>(
  save: (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T> | null>,
  saved: V,
) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(save, null);
  const [submitted, setSubmitted] = useState<V | null>(null);
  const initial = state && !state.ok && submitted ? submitted : saved;
  const fields = state && !state.ok ? state.fields : undefined;
  const action = (formData: FormData) => {
    setSubmitted(Object.fromEntries(formData) as V);
    formAction(formData);
  };
  return { state, pending, initial, fields, action };
}

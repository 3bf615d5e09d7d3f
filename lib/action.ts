import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { formLocale, translateFields, translateMessage } from "@/i18n/errors";
import { currentUser, type SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { can, type Permission } from "@/lib/permissions";

export type ActionResult<T = unknown> =
  | ({ ok: true } & T)
  | {
      ok: false;
      code: "unauthorized" | "forbidden" | "invalid" | "conflict" | "not_found" | "internal";
      error: string;
      fields?: Record<string, string[] | undefined>;
    };

/** A form as an object; a field sent more than once (checkboxes) becomes an array. */
export function formObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const object: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    object[key] = values.length > 1 ? values : values[0]!;
  }
  return object;
}

/**
 * The only way into a server action: session → permission → zod → lib/.
 * Server actions are reachable by a direct POST, so nothing is trusted from the form.
 * Errors come back in the person's language (i18n/errors.ts).
 */
export function action<S extends z.ZodType, T extends Record<string, unknown>>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<T>,
) {
  return async (_previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const user = await currentUser();
    const result = await attempt(user, formData);
    if (result.ok) return result;
    const locale = await formLocale(user?.locale);
    const translated = { ...result, error: translateMessage(result.error, locale) };
    return result.fields ? { ...translated, fields: translateFields(result.fields, locale) } : translated;
  };

  async function attempt(user: SessionUser | null, formData: FormData): Promise<ActionResult<T>> {
    try {
      if (!user) return { ok: false, code: "unauthorized", error: "Your session has ended: sign in again." };
      if (!can(user.roles, permission))
        return { ok: false, code: "forbidden", error: "You are not allowed to do this." };
      const parsed = schema.safeParse(formObject(formData));
      if (!parsed.success) {
        const fields = (parsed.error as z.ZodError).flatten().fieldErrors as Record<string, string[] | undefined>;
        return { ok: false, code: "invalid", error: "Please correct the fields marked below.", fields };
      }
      return { ok: true, ...(await run(parsed.data, user)) };
    } catch (error) {
      if (error instanceof DomainError)
        return { ok: false, code: error.code, error: error.message, fields: error.fields };
      // redirect(), notFound() and the like are Next's control flow, not failures.
      unstable_rethrow(error);
      // Logged here, once and scrubbed: rethrown, Next would print it raw (query parameters, several lines).
      log.error("server action failed", { permission, ...errorFields(error) });
      return { ok: false, code: "internal", error: "Something went wrong on our side. Try again in a moment." };
    }
  }
}

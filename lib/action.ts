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

type FormValue = FormDataEntryValue | FormDataEntryValue[] | FormObject;
type FormObject = { [key: string]: FormValue };

/**
 * A form as an object; a field sent more than once (checkboxes) becomes an array, and a dotted name is a nested
 * object (`variants.fr.title`), whose field errors come back under the same dotted name.
 */
export function formObject(formData: FormData): FormObject {
  const object: FormObject = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    const path = key.split(".");
    // Names are chosen by whoever posts: none may reach an object's prototype.
    if (path.some((part) => part === "__proto__" || part === "constructor" || part === "prototype")) continue;
    let into = object;
    for (const part of path.slice(0, -1)) {
      const next = into[part];
      const nested: FormObject =
        next && typeof next === "object" && !Array.isArray(next) && !(next instanceof Blob) ? next : {};
      into[part] = nested;
      into = nested;
    }
    into[path.at(-1)!] = values.length > 1 ? values : values[0]!;
  }
  return object;
}

/** zod's issues as the form's field errors: keyed by the field's (dotted) name; a list's items report on the list. */
function fieldErrors(error: z.ZodError): Record<string, string[] | undefined> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const names: string[] = [];
    for (const part of issue.path) {
      if (typeof part !== "string") break;
      names.push(part);
    }
    if (!names.length) continue;
    const name = names.join(".");
    fields[name] = [...(fields[name] ?? []), issue.message];
  }
  return fields;
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
        const fields = fieldErrors(parsed.error as z.ZodError);
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

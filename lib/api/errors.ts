import { NextResponse } from "next/server";
import type { z } from "zod";

const STATUS = {
  unauthorized: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
} as const;
export type ApiErrorCode = keyof typeof STATUS;

/** Every API error has one shape: `{ error: { code, message, fields? } }`, with the status its code implies. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  fields?: Record<string, string[] | undefined>,
  headers?: HeadersInit,
) {
  return NextResponse.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status: STATUS[code], headers },
  );
}

export function parseOrError<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { data: z.infer<S> } | { response: NextResponse } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  const fields = (parsed.error as z.ZodError).flatten().fieldErrors as Record<string, string[] | undefined>;
  return { response: apiError("invalid", "The request has invalid fields.", fields) };
}

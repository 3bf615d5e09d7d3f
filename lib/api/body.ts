import type { NextResponse } from "next/server";
import { apiError } from "@/lib/api/errors";

/** What a JSON request or a small form may weigh: the longest post with every variant is ~15 KB of UTF-8. */
export const JSON_BODY_LIMIT = 64 * 1024;

type Read<T> = { data: T } | { response: NextResponse };
/** `limit` in bytes; `tooLarge` says what to do instead, in the words of the form that sent it. */
export type BodyOptions = { limit?: number; tooLarge?: string };

const tooLarge = (limit: number, message?: string) =>
  apiError("too_large", message ?? `The body is larger than ${formatBytes(limit)}.`);

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(2)} MB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * The request body as bytes, read as a stream and abandoned as soon as it passes `limit`, so a client cannot
 * make the server hold more than that, whatever its Content-Length says (or leaves out, for a chunked body).
 */
export async function readBody(
  request: Request,
  { limit = JSON_BODY_LIMIT, tooLarge: message }: BodyOptions = {},
): Promise<Read<Uint8Array<ArrayBuffer>>> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return { response: tooLarge(limit, message) };
  if (!request.body) return { data: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { response: tooLarge(limit, message) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { data: bytes };
}

/** The body as UTF-8 text (at most `limit` bytes); bytes that are not UTF-8 are a 400, never replaced silently. */
export async function readText(request: Request, options: BodyOptions = {}): Promise<Read<string>> {
  const body = await readBody(request, options);
  if ("response" in body) return body;
  try {
    return { data: new TextDecoder("utf-8", { fatal: true }).decode(body.data) };
  } catch {
    return { response: apiError("invalid", "The body is not UTF-8 text.") };
  }
}

/** A JSON body (at most `limit` bytes); malformed JSON is a 400. With `whenEmpty`, no body at all stands for it. */
export async function readJson(
  request: Request,
  { whenEmpty, ...options }: BodyOptions & { whenEmpty?: unknown } = {},
): Promise<Read<unknown>> {
  const text = await readText(request, options);
  if ("response" in text) return text;
  if (whenEmpty !== undefined && !text.data.trim()) return { data: whenEmpty };
  try {
    return { data: JSON.parse(text.data) };
  } catch {
    return { response: apiError("invalid", "The body is not valid JSON.") };
  }
}

/** A form body, urlencoded or multipart (at most `limit` bytes); a malformed one is a 400. */
export async function readForm(request: Request, options: BodyOptions = {}): Promise<Read<FormData>> {
  const body = await readBody(request, options);
  if ("response" in body) return body;
  const type = request.headers.get("content-type") ?? "";
  try {
    // Parsed from the bytes already read, so the limit holds for the parser too.
    return { data: await new Response(body.data, { headers: { "content-type": type } }).formData() };
  } catch {
    return { response: apiError("invalid", "The body is not a valid form (multipart/form-data or urlencoded).") };
  }
}

/** JSON or a form, as the Content-Type says (the share buttons post forms; scripts post JSON). */
export async function readJsonOrForm(request: Request, options: BodyOptions = {}): Promise<Read<unknown>> {
  if (request.headers.get("content-type")?.includes("application/json")) return readJson(request, options);
  const form = await readForm(request, options);
  return "response" in form ? form : { data: Object.fromEntries(form.data) };
}

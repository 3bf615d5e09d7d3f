import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { text } from "@/lib/validation";

/** Events older or newer than this are refused, so a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; status: 400 | 401; code: "invalid" | "unauthorized"; message: string };

/** HMAC-SHA256 over "<timestamp>.<raw body>" (as Stripe and Slack sign theirs), compared in constant time. */
export function verifyWebhook(input: {
  secret: string;
  rawBody: string;
  timestamp: string | null;
  signature: string | null;
  now?: number;
}): SignatureCheck {
  if (!input.timestamp || !/^\d{9,11}$/.test(input.timestamp)) {
    return { ok: false, status: 400, code: "invalid", message: "X-Chorus-Timestamp must be the Unix time in seconds." };
  }
  if (!input.signature)
    return { ok: false, status: 401, code: "unauthorized", message: "X-Chorus-Signature is missing." };
  const expected = Buffer.from(signWebhook(input.secret, input.timestamp, input.rawBody));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, code: "unauthorized", message: "The signature does not match the body." };
  }
  const age = Math.abs((input.now ?? Date.now()) - Number(input.timestamp) * 1000);
  if (age > WEBHOOK_TOLERANCE_MS)
    return { ok: false, status: 400, code: "invalid", message: "The timestamp is more than 5 minutes away from now." };
  return { ok: true };
}

export const reshareEvent = z.object({
  id: text(200, { label: "The event id", required: "Give the event an id" }),
  type: z.literal("reshare"),
  code: z.string().regex(/^[0-9A-Za-z]{4,16}$/, "Not a link code"),
  count: z.number().int().min(1).max(100_000).default(1),
});

/** A conversion reported by the company's server (CRM, billing): the fields lib/outcomes checks, plus the type. */
export const conversionEvent = z.looseObject({ type: z.literal("conversion"), id: z.string().max(200).optional() });

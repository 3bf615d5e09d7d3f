import { otherMethods } from "@/lib/api/methods";
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError } from "@/lib/api";
import { allowedEmbedOrigin, conversionLimiter, embedPreflight, withEmbedCors } from "@/lib/embed";
import { DomainError } from "@/lib/errors";
import { recordConversion } from "@/lib/outcomes/record";
import { getSettings } from "@/lib/settings";
import { readJson } from "@/lib/api/body";
import { addressHash, CLIENT_IP_HEADER } from "@/lib/tracking";

export const dynamic = "force-dynamic";

/** What Chorus.convert({ kind, value, currency, id }) sends, with the code and first-click time from its cookie. */
const body = z.object({
  kind: z.unknown(),
  id: z.unknown(),
  value: z.unknown().optional(),
  currency: z.unknown().optional(),
  code: z.unknown().optional(),
  clickedAt: z.unknown().optional(),
});

export const OPTIONS = embedPreflight;

/**
 * Browser conversions from /embed.js on the company's own site: CORS-limited to the allowed embed origins,
 * rate-limited per visitor, and never carrying an amount above the admin's cap (trusted amounts come from the
 * signed server events).
 */
export async function POST(request: Request) {
  const origin = await allowedEmbedOrigin(request);
  if (!origin) return apiError("forbidden", "This site may not report Chorus conversions.");
  // Keyed on the address the server saw: a user agent or header the client chooses would reset the limit.
  const visitor = addressHash(request.headers.get(CLIENT_IP_HEADER) ?? "", new Date());
  try {
    await conversionLimiter().consume(visitor);
  } catch {
    return withEmbedCors(apiError("rate_limited", "Too many conversions; try again in a minute."), origin);
  }
  const read = await readJson(request, { limit: 4096 });
  if ("response" in read) return withEmbedCors(read.response, origin);
  const parsed = body.safeParse(read.data);
  if (!parsed.success)
    return withEmbedCors(apiError("invalid", "Send { kind, id, value?, currency? } as JSON."), origin);
  const { kind, id, value, currency, code, clickedAt } = parsed.data;
  try {
    const settings = await getSettings();
    const result = await recordConversion(
      { kind, externalId: id, amount: value, currency, code, clickedAt },
      { source: "browser", amountCap: Number(settings.browserAmountCap) },
    );
    // A browser learns no more than whether it counted: no advocate, no stored amounts.
    return withEmbedCors(
      NextResponse.json(
        { recorded: result.recorded, duplicate: !result.recorded },
        { status: result.recorded ? 201 : 200 },
      ),
      origin,
    );
  } catch (error) {
    if (error instanceof DomainError) return withEmbedCors(apiError(error.code, error.message, error.fields), origin);
    throw error;
  }
}
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");

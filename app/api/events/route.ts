import { NextResponse } from "next/server";
import { apiError } from "@/lib/api";
import { DomainError } from "@/lib/errors";
import { readText } from "@/lib/api/body";
import { otherMethods } from "@/lib/api/methods";
import { recordConversion } from "@/lib/outcomes/record";
import { recordReportedReshares } from "@/lib/reshares";
import { webhookSecrets } from "@/lib/secrets";
import { conversionEvent, reshareEvent, verifyWebhook } from "@/lib/webhooks";

export const dynamic = "force-dynamic";

/**
 * Reported reshares (docs/product.md#reshares). Signed with a shared secret (the one an admin rotated in
 * under Admin → Integrations, or CHORUS_WEBHOOK_SECRET):
 * X-Chorus-Signature: sha256=hex(HMAC(secret, "<X-Chorus-Timestamp>.<raw body>")). Each event id counts once.
 * Conversions (`type: "conversion"`) are signed the same way and are idempotent by (kind, externalId).
 */
export async function POST(request: Request) {
  const secrets = await webhookSecrets();
  if (!secrets.length)
    return NextResponse.json(
      { error: { code: "not_configured", message: "Webhooks are not configured on this server." } },
      { status: 503 },
    );
  // Read up to 64 KiB and no further: anyone can post here, before the signature is checked.
  const body = await readText(request, { limit: 64 * 1024 });
  if ("response" in body) return body.response;
  const rawBody = body.data;
  const checks = secrets.map((secret) =>
    verifyWebhook({
      secret,
      rawBody,
      timestamp: request.headers.get("x-chorus-timestamp"),
      signature: request.headers.get("x-chorus-signature"),
    }),
  );
  const check = checks.find((c) => c.ok) ?? checks[0]!;
  if (!check.ok) return apiError(check.code, check.message);

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return apiError("invalid", "The body is not valid JSON.");
  }
  if (conversionEvent.safeParse(json).success) return conversion(json as Record<string, unknown>);
  const event = reshareEvent.safeParse(json);
  if (!event.success)
    return apiError(
      "invalid",
      "The event has invalid fields.",
      event.error.flatten().fieldErrors as Record<string, string[]>,
    );
  try {
    const { recorded } = await recordReportedReshares({
      eventId: event.data.id,
      code: event.data.code,
      count: event.data.count,
    });
    return NextResponse.json({ id: event.data.id, recorded, duplicate: !recorded });
  } catch (error) {
    if (error instanceof DomainError) return apiError(error.code, error.message, error.fields);
    throw error;
  }
}

/** A signed conversion: recorded through the one lib function every way in shares; the server's amounts are trusted. */
async function conversion(event: Record<string, unknown>) {
  try {
    const result = await recordConversion(event, { source: "server" });
    if (result.conflict)
      return apiError(
        "conflict",
        `This conversion was recorded with ${result.conflict.storedAmount ?? "no amount"} ${result.conflict.storedCurrency ?? ""}; the first amount stands.`,
        { amount: ["Differs from the amount already recorded for this kind and external id"] },
      );
    return NextResponse.json({
      id: result.id,
      recorded: result.recorded,
      duplicate: !result.recorded,
      attributed: result.attributed,
      unattributedReason: result.unattributedReason,
    });
  } catch (error) {
    if (error instanceof DomainError) return apiError(error.code, error.message, error.fields);
    throw error;
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");

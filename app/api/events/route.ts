import { NextResponse } from "next/server";
import { apiError } from "@/lib/api";
import { DomainError } from "@/lib/errors";
import { recordReportedReshares } from "@/lib/reshares";
import { webhookSecrets } from "@/lib/secrets";
import { reshareEvent, verifyWebhook } from "@/lib/webhooks";

export const dynamic = "force-dynamic";

/**
 * Reported reshares (docs/product.md#reshares). Signed with a shared secret (the one an admin rotated in
 * under Admin → Integrations, or CHORUS_WEBHOOK_SECRET):
 * X-Chorus-Signature: sha256=hex(HMAC(secret, "<X-Chorus-Timestamp>.<raw body>")). Each event id counts once.
 */
export async function POST(request: Request) {
  const secrets = await webhookSecrets();
  if (!secrets.length)
    return NextResponse.json(
      { error: { code: "not_configured", message: "Webhooks are not configured on this server." } },
      { status: 503 },
    );
  const rawBody = await request.text();
  if (rawBody.length > 64 * 1024) return apiError("invalid", "The body is larger than 64 KiB.");
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
    if (error instanceof DomainError) return apiError(error.code, error.message);
    throw error;
  }
}

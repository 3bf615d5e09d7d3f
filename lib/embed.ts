import { NextResponse } from "next/server";
import { type SharedLimiter, sharedLimiter } from "@/lib/rate-limits";
import { getSettings } from "@/lib/settings";
import { addressHash, CLIENT_IP_HEADER, cleanHeader, visitorHash } from "@/lib/tracking";

/** Origins allowed to call the embed endpoint: the admin's list plus CHORUS_EMBED_ORIGINS. */
export async function embedOrigins(): Promise<string[]> {
  const fromEnv = (process.env.CHORUS_EMBED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return [...new Set([...(await getSettings()).embedOrigins, ...fromEnv])];
}

/** The request's Origin when it is an allowed embed origin, else null. Browsers only: a script sends any Origin. */
export async function allowedEmbedOrigin(request: Request): Promise<string | null> {
  const origin = request.headers.get("origin");
  return origin && (await embedOrigins()).includes(origin) ? origin : null;
}

export function withEmbedCors(response: NextResponse, origin: string): NextResponse {
  for (const [key, value] of Object.entries(corsHeaders(origin))) response.headers.set(key, value);
  return response;
}

/** The CORS preflight of the embed endpoints: allowed origins only. */
export async function embedPreflight(request: Request): Promise<NextResponse> {
  const origin = await allowedEmbedOrigin(request);
  if (!origin) return new NextResponse(null, { status: 403 });
  return new NextResponse(null, { status: 204, headers: corsHeaders(origin) });
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

/**
 * Who asks for a child link: the address server.ts saw (the socket, or the hop TRUST_PROXY trusts; never a header
 * the client chose), alone and with the user agent. One visitor gets one child link per network a day.
 */
export function embedRequester(headers: Headers, at: Date): { addressHash: string; visitorHash: string } {
  const address = headers.get(CLIENT_IP_HEADER) ?? "";
  return {
    addressHash: addressHash(address, at),
    visitorHash: visitorHash(address, cleanHeader(headers.get("user-agent") ?? undefined), at),
  };
}

const shared = globalThis as typeof globalThis & {
  __chorusEmbedLimiter?: SharedLimiter;
  __chorusConversionLimiter?: SharedLimiter;
};
/**
 * 20 child links a minute per address: enough for a person; changing the user agent or headers does not reset it.
 * Counted in PostgreSQL, for all app servers together (lib/rate-limits.ts).
 */
export function embedLimiter(): SharedLimiter {
  shared.__chorusEmbedLimiter ??= sharedLimiter("embed", { points: 20, duration: 60 });
  return shared.__chorusEmbedLimiter;
}

/** 10 browser conversions a minute per visitor: a person converts a few times, a script farming leads more. */
export function conversionLimiter(): SharedLimiter {
  shared.__chorusConversionLimiter ??= sharedLimiter("conversion", { points: 10, duration: 60 });
  return shared.__chorusConversionLimiter;
}

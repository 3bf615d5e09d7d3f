import { NextResponse } from "next/server";
import { z } from "zod";
import { NETWORKS } from "@/db/schema";
import { apiError } from "@/lib/api";
import { corsHeaders, embedLimiter, embedOrigins } from "@/lib/embed";
import { DomainError } from "@/lib/errors";
import { createEmbedChildLink } from "@/lib/reshares";
import { CLIENT_IP_HEADER, visitorHash } from "@/lib/tracking";
import { appOrigin } from "@/lib/origin";

export const dynamic = "force-dynamic";

const body = z.object({
  code: z.string().regex(/^[0-9A-Za-z]{4,16}$/, "Not a link code"),
  network: z.enum(NETWORKS),
  text: z.string().trim().max(500).optional(),
});

async function allowedOrigin(request: Request): Promise<string | null> {
  const origin = request.headers.get("origin");
  return origin && (await embedOrigins()).includes(origin) ? origin : null;
}

function withCors(response: NextResponse, origin: string): NextResponse {
  for (const [key, value] of Object.entries(corsHeaders(origin))) response.headers.set(key, value);
  return response;
}

export async function OPTIONS(request: Request) {
  const origin = await allowedOrigin(request);
  if (!origin) return new NextResponse(null, { status: 403 });
  return new NextResponse(null, { status: 204, headers: corsHeaders(origin) });
}

/** /embed.js asks here for a child link of the code the visitor arrived with (SPEC §5.2). */
export async function POST(request: Request) {
  const origin = await allowedOrigin(request);
  if (!origin) return apiError("forbidden", "This site may not ask for Chorus links.");
  const visitor = visitorHash(
    request.headers.get(CLIENT_IP_HEADER) ?? "",
    request.headers.get("user-agent") ?? "",
    new Date(),
  );
  try {
    await embedLimiter().consume(visitor);
  } catch {
    return withCors(apiError("rate_limited", "Too many requests; try again in a minute."), origin);
  }
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return withCors(
      apiError(
        "invalid",
        "The request has invalid fields.",
        parsed.error.flatten().fieldErrors as Record<string, string[]>,
      ),
      origin,
    );
  try {
    const link = await createEmbedChildLink({
      parentCode: parsed.data.code,
      network: parsed.data.network,
      text: parsed.data.text,
      visitorHash: visitor,
      origin: appOrigin(),
    });
    return withCors(
      NextResponse.json({ shortUrl: link.shortUrl, intentUrl: link.intentUrl }, { status: link.created ? 201 : 200 }),
      origin,
    );
  } catch (error) {
    if (error instanceof DomainError) return withCors(apiError(error.code, error.message), origin);
    throw error;
  }
}

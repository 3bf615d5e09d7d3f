import { NextResponse } from "next/server";
import { z } from "zod";
import { NETWORKS } from "@/db/schema";
import { apiError } from "@/lib/api";
import { allowedEmbedOrigin, embedLimiter, embedPreflight, embedRequester, withEmbedCors } from "@/lib/embed";
import { DomainError } from "@/lib/errors";
import { readJson } from "@/lib/api/body";
import { createEmbedChildLink } from "@/lib/reshares";
import { appOrigin } from "@/lib/origin";
import { text } from "@/lib/validation";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const body = z.object({
  code: z.string().regex(/^[0-9A-Za-z]{4,16}$/, "Not a link code"),
  network: z.enum(NETWORKS),
  text: text(500, { label: "The text", multiline: true }).optional(),
});

export const OPTIONS = embedPreflight;

/**
 * /embed.js asks here for a child link of the code the visitor arrived with. The Origin check is for browsers
 * only (a script sends any Origin): what keeps reshares honest is that they are credited by other people's
 * clicks (lib/reshare-credits.ts), and the rate limit keys on the address the server saw.
 */
export async function POST(request: Request) {
  const origin = await allowedEmbedOrigin(request);
  if (!origin) return apiError("forbidden", "This site may not ask for Chorus links.");
  const requester = embedRequester(request.headers, new Date());
  try {
    await embedLimiter().consume(requester.addressHash);
  } catch {
    return withEmbedCors(apiError("rate_limited", "Too many requests; try again in a minute."), origin);
  }
  // Open to any visitor of an allowed site: a child-link request is a few hundred bytes.
  const json = await readJson(request, { limit: 8 * 1024 });
  if ("response" in json) return withEmbedCors(json.response, origin);
  const parsed = body.safeParse(json.data);
  if (!parsed.success)
    return withEmbedCors(
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
      visitorHash: requester.visitorHash,
      requesterAddressHash: requester.addressHash,
      origin: appOrigin(),
    });
    return withEmbedCors(
      NextResponse.json({ shortUrl: link.shortUrl, intentUrl: link.intentUrl }, { status: link.created ? 201 : 200 }),
      origin,
    );
  } catch (error) {
    if (error instanceof DomainError) return withEmbedCors(apiError(error.code, error.message), origin);
    throw error;
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");

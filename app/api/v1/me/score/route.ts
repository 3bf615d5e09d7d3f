import { otherMethods } from "@/lib/api/methods";
import type { z } from "zod";
import type { apiScore } from "@/lib/api/schemas";
import { json, withToken } from "@/lib/api/v1";
import { getMyScore } from "@/lib/recognition/reports";

export const dynamic = "force-dynamic";

/** The owner's latest weekly influence score, its parts, the best next step and the trend. */
export const GET = withToken("stats.read", async (_request, { user }) => {
  const { week, current, advice, trend } = await getMyScore(user.id);
  return json<z.infer<typeof apiScore>>({
    week,
    score: current?.score ?? null,
    parts: current
      ? {
          consistency: current.consistency,
          reach: current.reach,
          resonance: current.resonance,
          amplification: current.amplification,
        }
      : null,
    inputs: current
      ? {
          weeksWithShare: current.weeksWithShare,
          shares: current.shares,
          countedClicks: current.countedClicks,
          reshares: current.reshares,
          conversions: current.conversions,
        }
      : null,
    advice,
    trend,
  });
});
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");

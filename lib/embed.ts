import { RateLimiterMemory } from "rate-limiter-flexible";
import { getSettings } from "@/lib/settings";

/** Origins allowed to call the embed endpoint: the admin's list plus CHORUS_EMBED_ORIGINS. */
export async function embedOrigins(): Promise<string[]> {
  const fromEnv = (process.env.CHORUS_EMBED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return [...new Set([...(await getSettings()).embedOrigins, ...fromEnv])];
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

const shared = globalThis as typeof globalThis & { __chorusEmbedLimiter?: RateLimiterMemory };
/** 20 child links a minute per visitor: enough for a person, too few to farm reshare points. */
export function embedLimiter(): RateLimiterMemory {
  // biome-ignore lint/suspicious/noAssignInExpressions: the lazy per-process singleton, assigned once
  return (shared.__chorusEmbedLimiter ??= new RateLimiterMemory({ points: 20, duration: 60 }));
}

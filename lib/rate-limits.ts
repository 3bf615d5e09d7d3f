import { RateLimiterDrizzle, RateLimiterMemory } from "rate-limiter-flexible";
import { type Db, db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type SharedLimiter = RateLimiterDrizzle;

/**
 * A rate limit every app server shares: its counters are rows of `rate_limits` on the primary, one upsert per
 * request (rate-limiter-flexible's Drizzle store, atomic: `insert … on conflict do update … returning`), so with
 * several servers behind a balancer a key gets `points` per `duration` seconds in all, not per server. Should
 * the database not answer, each server counts in its own memory meanwhile (the library's insurance limiter)
 * rather than failing the request. `storeClient` is for tests that play two servers on two connections.
 */
export function sharedLimiter(
  keyPrefix: string,
  { points, duration }: { points: number; duration: number },
  storeClient: Db = db,
): SharedLimiter {
  return new RateLimiterDrizzle({
    storeClient,
    schema: rateLimits,
    keyPrefix,
    points,
    duration,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
  });
}

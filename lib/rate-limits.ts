import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { type Db, db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { errorFields, log } from "@/lib/log";

/** One warning a minute at most per limiter while its store fails (an outage would otherwise log every request). */
const WARN_EVERY_MS = 60_000;

type HandleError = (error: unknown, ...rest: unknown[]) => unknown;
const libraryHandleError = (RateLimiterDrizzle.prototype as unknown as { _handleError: HandleError })._handleError;

/**
 * A rate limit every app server shares: its counters are rows of `rate_limits` on the primary, one upsert per
 * request (rate-limiter-flexible's Drizzle store, atomic: `insert … on conflict do update … returning`), so with
 * several servers behind a balancer a key gets `points` per `duration` seconds in all, not per server. Should
 * the store fail (the database does not answer), the server counts in its own memory meanwhile (the library's
 * insurance limiter) rather than failing the request, and says so in its log.
 */
export class SharedLimiter extends RateLimiterDrizzle {
  private warnedAt = 0;

  _handleError(error: unknown, ...rest: unknown[]): unknown {
    // A refusal comes this way too (the budget is spent): only a failing store is worth a warning.
    if (!(error instanceof RateLimiterRes) && Date.now() - this.warnedAt > WARN_EVERY_MS) {
      this.warnedAt = Date.now();
      log.warn("rate limit store failed: counting in this server's memory", {
        limiter: this.keyPrefix,
        ...errorFields(error),
      });
    }
    return libraryHandleError.call(this, error, ...rest);
  }
}

/** `storeClient` is for tests that play two servers on two connections. */
export function sharedLimiter(
  keyPrefix: string,
  { points, duration }: { points: number; duration: number },
  storeClient: Db = db,
): SharedLimiter {
  return new SharedLimiter({
    storeClient,
    schema: rateLimits,
    keyPrefix,
    points,
    duration,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
  });
}

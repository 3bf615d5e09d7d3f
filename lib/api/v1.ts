import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { NextResponse } from "next/server";
import { RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { db, getReadDb } from "@/db/client";
import { campaigns, clicks, posts, trackedLinks } from "@/db/schema";
import { apiError } from "@/lib/api/errors";
import type { ApiClick, ApiLink, ApiPost } from "@/lib/api/schemas";
import { authenticateToken } from "@/lib/api/tokens";
import type { SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { shortUrl } from "@/lib/link-codes";
import { errorFields, log } from "@/lib/log";
import { type SharedLimiter, sharedLimiter } from "@/lib/rate-limits";
import { can, type Permission } from "@/lib/permissions";
import { inAudience, isLive, postHashtagList, postHeadColumns, publishedAt } from "@/lib/posts";
import { rowId } from "@/lib/validation";

export type TokenContext = { user: SessionUser; token: { id: number; readOnly: boolean } };
type TokenHandler<C> = (request: Request, context: C & TokenContext) => Promise<Response>;

const READ_METHODS = new Set(["GET", "HEAD"]);

const shared = globalThis as typeof globalThis & { __chorusApiLimiter?: SharedLimiter };
/**
 * Requests per minute per token (CHORUS_API_RATE_LIMIT, default 120), counted in PostgreSQL: one budget for
 * all app servers together (lib/rate-limits.ts).
 */
export function apiLimiter(): SharedLimiter {
  shared.__chorusApiLimiter ??= sharedLimiter("api", {
    points: Number(process.env.CHORUS_API_RATE_LIMIT ?? 120),
    duration: 60,
  });
  return shared.__chorusApiLimiter;
}

function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

function rateHeaders(limiter: SharedLimiter, result: RateLimiterRes): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(limiter.points),
    "X-RateLimit-Remaining": String(Math.max(0, result.remainingPoints)),
    "X-RateLimit-Reset": String(Math.ceil(result.msBeforeNext / 1000)),
  };
}

/**
 * The public API's one way in, the token-based sibling of withPermission: bearer token → rate limit →
 * read-only check → permission, then JSON errors for rule breaks, and one log line per request (method,
 * path, status, duration, token id; never the token, the query string or the client's address).
 */
export function withToken<C>(permission: Permission, handler: TokenHandler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const path = new URL(request.url).pathname;
    const seen: { principal?: TokenContext } = {};
    let response: Response;
    try {
      response = await answer(request, permission, seen, (principal) => handler(request, { ...context, ...principal }));
    } catch (error) {
      log.error("api error", { method: request.method, path, ...errorFields(error) });
      response = apiError("internal", "Something went wrong on our side.");
    }
    const { principal } = seen;
    log.info("api request", {
      method: request.method,
      path,
      status: response.status,
      durationMs: Math.round(performance.now() - started),
      tokenId: principal?.token.id ?? null,
      userId: principal?.user.id ?? null,
    });
    return response;
  };
}

async function answer(
  request: Request,
  permission: Permission,
  seen: { principal?: TokenContext },
  run: (principal: TokenContext) => Promise<Response>,
): Promise<Response> {
  const token = bearerToken(request);
  if (!token) return apiError("unauthorized", "Send a personal access token: Authorization: Bearer chorus_pat_…");
  const found = await authenticateToken(token);
  if ("refused" in found) return apiError("unauthorized", found.refused);
  const principal: TokenContext = { user: found.user, token: { id: found.tokenId, readOnly: found.readOnly } };
  seen.principal = principal;

  const limiter = apiLimiter();
  let limit: RateLimiterRes;
  try {
    limit = await limiter.consume(`token:${found.tokenId}`);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    return apiError("rate_limited", `Too many requests for this token; retry in ${retryAfter} s.`, undefined, {
      ...rateHeaders(limiter, refusal),
      "Retry-After": String(retryAfter),
    });
  }

  let response: Response;
  if (found.readOnly && !READ_METHODS.has(request.method)) response = apiError("forbidden", "This token is read-only.");
  else if (!can(found.user.roles, permission)) response = apiError("forbidden", "Your roles do not allow this.");
  else {
    try {
      response = await run(principal);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      response = apiError(error.code, error.message, error.fields);
    }
  }
  for (const [key, value] of Object.entries(rateHeaders(limiter, limit))) response.headers.set(key, value);
  return response;
}

/** The query string as an object, for a zod schema. */
export function searchParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** A JSON answer typed by its API schema. */
export function json<T>(body: T, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

// Cursors are opaque to clients: base64url JSON of the last item's sort key, parsed back by a zod tuple.
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError("invalid", "The cursor is not one this API gave out.", { cursor: ["Malformed cursor"] });
  return parsed.data;
}

const idCursor = z.tuple([rowId]);
const postCursor = z.tuple([z.string().max(64), rowId]);

type Page<T> = { items: T[]; nextCursor: string | null };

function pageOf<T, R>(
  rows: R[],
  limit: number,
  toItem: (row: R) => T,
  keyOf: (row: R) => (string | number)[],
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(toItem), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}

// Spelled out: drizzle renders a column of the only table in a query unqualified, which a subquery would rebind.
const outerLinkId = sql.raw(`"tracked_links"."id"`);

const postColumns = {
  ...postHeadColumns,
  commentaryLinkedin: posts.commentaryLinkedin,
  commentaryX: posts.commentaryX,
  commentaryFacebook: posts.commentaryFacebook,
  imageUrl: posts.imageUrl,
  campaign: campaigns.name,
  hashtags: postHashtagList,
  publishedAt: publishedAt.mapWith(posts.createdAt),
  // Full microsecond precision for the cursor: a JS Date would round it and skip or repeat rows.
  sortKey: sql<string>`${publishedAt}::text`,
};

/** Live posts for the advocate's audience (docs/product.md#sharing), with what the API shows of them. */
function selectLivePosts(user: SessionUser, where?: SQL) {
  return db
    .select(postColumns)
    .from(posts)
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .where(and(isLive(), inAudience(user.teamId), where));
}
type PostRow = Awaited<ReturnType<typeof selectLivePosts>>[number];

function toApiPost({ sortKey: _sortKey, publishedAt: at, ...row }: PostRow): ApiPost {
  return { ...row, publishedAt: at.toISOString() };
}

/** Live posts for the advocate's audience, newest published first, by keyset on (published at, id). */
export async function listLivePosts(
  user: SessionUser,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<Page<ApiPost>> {
  const after = decodeCursor(postCursor, cursor);
  const rows = await selectLivePosts(
    user,
    after ? sql`(${publishedAt}, ${posts.id}) < (${after[0]}::timestamptz, ${after[1]})` : undefined,
  )
    .orderBy(desc(publishedAt), desc(posts.id))
    .limit(limit + 1);
  return pageOf(rows, limit, toApiPost, (row) => [row.sortKey, row.id]);
}

/** One live post the advocate may see, or null (unknown, not live, or for another team: all look alike). */
export async function getLivePost(user: SessionUser, postId: number): Promise<ApiPost | null> {
  const [row] = await selectLivePosts(user, eq(posts.id, postId)).limit(1);
  return row ? toApiPost(row) : null;
}

/** The advocate's tracked links, newest first, with their click counts. */
export async function listMyLinks(
  user: SessionUser,
  { limit, cursor, origin }: { limit: number; cursor?: string; origin: string },
): Promise<Page<ApiLink>> {
  const after = decodeCursor(idCursor, cursor);
  const rows = await db
    .select({
      id: trackedLinks.id,
      code: trackedLinks.code,
      postId: trackedLinks.postId,
      postTitle: posts.title,
      network: trackedLinks.network,
      origin: trackedLinks.origin,
      createdAt: trackedLinks.createdAt,
      clicks: sql<number>`(select count(*) from ${clicks} c where c.link_id = ${outerLinkId})::int`,
      countedClicks: sql<number>`(select count(*) from ${clicks} c where c.link_id = ${outerLinkId} and c.counted)::int`,
    })
    .from(trackedLinks)
    .innerJoin(posts, eq(posts.id, trackedLinks.postId))
    .where(and(eq(trackedLinks.advocateId, user.id), after ? lt(trackedLinks.id, after[0]) : undefined))
    .orderBy(desc(trackedLinks.id))
    .limit(limit + 1);
  return pageOf(
    rows,
    limit,
    (row) => ({ ...row, shortUrl: shortUrl(origin, row.code), createdAt: row.createdAt.toISOString() }),
    (row) => [row.id],
  );
}

/** Clicks on the advocate's links, newest first. The visitor hash stays in the database. */
export async function listMyClicks(
  user: SessionUser,
  { limit, cursor, linkId }: { limit: number; cursor?: string; linkId?: number },
): Promise<Page<ApiClick>> {
  const after = decodeCursor(idCursor, cursor);
  const where: (SQL | undefined)[] = [
    eq(trackedLinks.advocateId, user.id),
    linkId ? eq(clicks.linkId, linkId) : undefined,
    after ? lt(clicks.id, after[0]) : undefined,
  ];
  // Visitors' clicks, written by the redirect, not by the owner: a report, read from the read connection.
  const rows = await getReadDb()
    .select({
      id: clicks.id,
      linkId: clicks.linkId,
      code: trackedLinks.code,
      clickedAt: clicks.clickedAt,
      counted: clicks.counted,
      reason: clicks.reason,
      country: clicks.country,
      device: clicks.device,
      referrerHost: clicks.referrerHost,
    })
    .from(clicks)
    .innerJoin(trackedLinks, eq(trackedLinks.id, clicks.linkId))
    .where(and(...where))
    .orderBy(desc(clicks.id))
    .limit(limit + 1);
  return pageOf(
    rows,
    limit,
    (row) => ({ ...row, clickedAt: row.clickedAt.toISOString() }),
    (row) => [row.id],
  );
}

/**
 * The leaderboard's cursor carries its page, page size, resolved days and team, so the next pages rank the
 * same board (a "this week" that crosses midnight, a different limit) whatever the client sends with it.
 */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
export const leaderboardCursor = z.tuple([
  z.number().int().min(1).max(1_000_000),
  z.number().int().min(1).max(100),
  day,
  day,
  rowId.nullable(),
]);

import { eq, lte } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { contentSources, jobs, suggestions } from "@/db/schema";
import { FeedFormatError, type FeedItem, readFeed } from "@/lib/content/feed-items";
import { DomainError } from "@/lib/errors";
import type { JobHandler } from "@/lib/jobs";
import { log } from "@/lib/log";
import { guardedGet } from "@/lib/preview-image";

export const SOURCE_POLL_JOB = "source.poll";
/** How often each feed is asked again (README "Content sources"). */
export const POLL_INTERVAL_MS = 30 * 60 * 1000;

export type FeedLimits = { maxBytes: number; timeoutMs: number };
/** A feed larger than this is refused whole, and one that has not answered in time is given up on. */
export const FEED_LIMITS: FeedLimits = { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000 };
const FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

export type PollResult =
  | { outcome: "unchanged" }
  | { outcome: "read"; added: number; skipped: number }
  | { outcome: "failed"; error: string };

/**
 * Every worker tick: one poll job per source that is due. The key names the source and its due time, so
 * however many servers tick, each due poll runs once.
 */
export async function scheduleSourcePolls(now: Date = new Date()): Promise<void> {
  const due = await db
    .select({ id: contentSources.id, nextPollAt: contentSources.nextPollAt })
    .from(contentSources)
    .where(lte(contentSources.nextPollAt, now));
  if (!due.length) return;
  await db
    .insert(jobs)
    .values(
      due.map((source) => ({
        kind: SOURCE_POLL_JOB,
        key: `source-poll:${source.id}:${source.nextPollAt.getTime()}`,
        payload: { sourceId: source.id, now: now.toISOString() },
        runAt: now,
        maxAttempts: 1,
      })),
    )
    .onConflictDoNothing({ target: jobs.key });
}

/**
 * Asks the feed for what changed since the last answer (If-None-Match / If-Modified-Since) through the address
 * guard, adds its new items to the inbox, and records how it went. A broken feed keeps its items: only its
 * last error and time are written, and it is asked again on schedule.
 */
export async function pollSource(sourceId: number, now = new Date(), limits = FEED_LIMITS): Promise<PollResult> {
  const [source] = await db.select().from(contentSources).where(eq(contentSources.id, sourceId));
  if (!source) return { outcome: "failed", error: "No such source" };
  const schedule = { lastPolledAt: new Date(), nextPollAt: new Date(now.getTime() + POLL_INTERVAL_MS) };
  try {
    const response = await guardedGet(source.url, {
      subject: "The feed",
      accept: FEED_ACCEPT,
      maxBytes: limits.maxBytes,
      timeoutMs: limits.timeoutMs,
      overCap: "refuse",
      headers: conditionalHeaders(source),
    });
    const worked = { ...schedule, lastSuccessAt: schedule.lastPolledAt, lastError: null };
    if (response.status === 304) {
      await db.update(contentSources).set(worked).where(eq(contentSources.id, sourceId));
      return { outcome: "unchanged" };
    }
    const { items, skipped } = readFeed(response.body, response.url);
    const added = await db.transaction(async (tx) => {
      const inserted = items.length ? await addItems(tx, sourceId, items) : 0;
      await tx
        .update(contentSources)
        .set({
          ...worked,
          etag: response.headers.etag || null,
          lastModified: response.headers["last-modified"] || null,
        })
        .where(eq(contentSources.id, sourceId));
      return inserted;
    });
    return { outcome: "read", added, skipped };
  } catch (error) {
    const message = failure(error);
    await db
      .update(contentSources)
      .set({ ...schedule, lastError: message })
      .where(eq(contentSources.id, sourceId));
    log.warn("content source poll failed", { sourceId, error: message });
    return { outcome: "failed", error: message };
  }
}

function conditionalHeaders(source: { etag: string | null; lastModified: string | null }): Record<string, string> {
  return {
    ...(source.etag ? { "If-None-Match": source.etag } : {}),
    ...(source.lastModified ? { "If-Modified-Since": source.lastModified } : {}),
  };
}

/** New items only: one already brought by this source (same guid, else same link) is skipped by the unique index. */
async function addItems(tx: Tx, sourceId: number, items: FeedItem[]) {
  const inserted = await tx
    .insert(suggestions)
    .values(
      items.map((item) => ({ sourceId, itemKey: item.key, url: item.url, title: item.title, summary: item.summary })),
    )
    .onConflictDoNothing()
    .returning({ id: suggestions.id });
  return inserted.length;
}

/** What the sources page shows as the last error: the guard's reason, the parser's, or a plain fallback. */
function failure(error: unknown): string {
  if (error instanceof DomainError) return Object.values(error.fields ?? {})[0]?.[0] ?? error.message;
  if (error instanceof FeedFormatError) return error.message;
  return "The feed could not be read";
}

/** The job: polls one source; a feed's failure is recorded on the source, not retried (the next poll is). */
export const pollSourceJob: JobHandler = async (payload) => {
  await pollSource(Number(payload.sourceId), payload.now ? new Date(String(payload.now)) : new Date());
};

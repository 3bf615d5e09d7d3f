import { and, eq, sql } from "drizzle-orm";
import { db, rows, type Db, type Tx } from "@/db/client";
import { jobs } from "@/db/schema";
import type { Cursor } from "@/lib/filters";
import { log } from "@/lib/log";
import { keysetPage } from "@/lib/pagination";

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
};
type ClaimedJob = Pick<JobRow, "id" | "kind" | "key" | "payload" | "attempts" | "maxAttempts">;
export type JobHandler = (payload: Record<string, unknown>, job: ClaimedJob) => Promise<void>;

/** How long a claimed job is its worker's; after that another worker retries it (the first one died). */
const LOCK_MS = 5 * 60 * 1000;

/** 30 s, 2 min, 8 min, 32 min, then hourly. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/**
 * Queues a job unless one with the same key was ever queued: the key is what makes a notification go out once,
 * however many servers or retries ask. Pass the caller's transaction so the job exists only if its cause commits.
 */
export async function enqueueJob(on: Db | Tx, job: NewJob): Promise<boolean> {
  const inserted = await on
    .insert(jobs)
    .values({
      kind: job.kind,
      key: job.key,
      payload: job.payload,
      runAt: job.runAt ?? new Date(),
      maxAttempts: job.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return inserted.length > 0;
}

/** Claims due jobs (and ones whose worker's lock ran out) without blocking other workers: SKIP LOCKED. */
async function claim(limit: number, now: Date): Promise<ClaimedJob[]> {
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  const claimed = await rows<{
    id: number;
    kind: string;
    key: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>(sql`
    update ${jobs} set status = 'running', attempts = attempts + 1, locked_until = ${lockedUntil.toISOString()}::timestamptz
    where id in (
      select id from ${jobs}
      where (status = 'queued' and run_at <= ${now.toISOString()}::timestamptz)
         or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz)
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, kind, key, payload, attempts, max_attempts`);
  return claimed.map((job) => ({
    id: job.id,
    kind: job.kind,
    key: job.key,
    payload: job.payload,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
  }));
}

/** Runs the due jobs once; a failure is retried later with backoff until its attempts run out. */
export async function runDueJobs(
  handlers: Record<string, JobHandler>,
  { limit = 20, now = new Date() }: { limit?: number; now?: Date } = {},
): Promise<{ done: number; retried: number; failed: number }> {
  const counts = { done: 0, retried: 0, failed: 0 };
  for (const job of await claim(limit, now)) {
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload as Record<string, unknown>, job);
      await db
        .update(jobs)
        .set({ status: "done", lockedUntil: null, lastError: null, finishedAt: new Date() })
        .where(eq(jobs.id, job.id));
      counts.done++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attempts >= job.maxAttempts;
      await db
        .update(jobs)
        .set(
          final
            ? { status: "failed", lockedUntil: null, lastError: message.slice(0, 2000), finishedAt: new Date() }
            : {
                status: "queued",
                lockedUntil: null,
                lastError: message.slice(0, 2000),
                runAt: new Date(Date.now() + retryDelayMs(job.attempts)),
              },
        )
        .where(eq(jobs.id, job.id));
      log.warn(final ? "job failed" : "job will be retried", {
        jobId: job.id,
        kind: job.kind,
        attempts: job.attempts,
        error: message.slice(0, 300),
      });
      if (final) counts.failed++;
      else counts.retried++;
    }
  }
  return counts;
}

export const JOBS_PAGE_SIZE = 50;

/**
 * A page of the queue, newest first, optionally one status only; paged by id (the digest alone
 * adds a job per person a week).
 */
export async function listRecentJobs(
  { status, cursor = {} }: { status?: JobRow["status"]; cursor?: Cursor } = {},
  pageSize = JOBS_PAGE_SIZE,
) {
  return keysetPage(jobs.id, cursor, pageSize, (range, order, limit) =>
    db
      .select({
        id: jobs.id,
        kind: jobs.kind,
        key: jobs.key,
        status: jobs.status,
        attempts: jobs.attempts,
        maxAttempts: jobs.maxAttempts,
        runAt: jobs.runAt,
        lastError: jobs.lastError,
        finishedAt: jobs.finishedAt,
        createdAt: jobs.createdAt,
      })
      .from(jobs)
      .where(and(status ? eq(jobs.status, status) : undefined, range))
      .orderBy(order)
      .limit(limit),
  );
}

export async function jobCounts(): Promise<Record<JobRow["status"], number>> {
  const found = await db.select({ status: jobs.status, n: sql<number>`count(*)::int` }).from(jobs).groupBy(jobs.status);
  return { queued: 0, running: 0, done: 0, failed: 0, ...Object.fromEntries(found.map((row) => [row.status, row.n])) };
}

/** Puts a failed job back in the queue (an admin fixed the cause, e.g. the webhook URL). */
export async function retryJob(jobId: number): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ status: "queued", runAt: new Date(), maxAttempts: sql`${jobs.attempts} + 1`, finishedAt: null })
    .where(sql`${jobs.id} = ${jobId} and ${jobs.status} = 'failed'`)
    .returning({ id: jobs.id });
  return updated.length > 0;
}

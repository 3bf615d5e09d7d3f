import { eq, lt, sql } from "drizzle-orm";
import { subMonths } from "date-fns";
import { db, rows } from "@/db/client";
import { clicks, users } from "@/db/schema";

/**
 * Privacy (docs/product.md#privacy). An advocate may hide their name on the leaderboard: they are still ranked,
 * shown as "Anonymous advocate" (lib/leaderboard's DISPLAY_NAME) to everyone, exports included.
 */
export async function getLeaderboardPrivacy(userId: string): Promise<{ hideName: boolean }> {
  const [row] = await db.select({ hideName: users.hideName }).from(users).where(eq(users.id, userId)).limit(1);
  return { hideName: row?.hideName ?? false };
}

export async function setLeaderboardPrivacy(userId: string, hideName: boolean): Promise<{ hideName: boolean }> {
  await db.update(users).set({ hideName }).where(eq(users.id, userId));
  return { hideName };
}

/** Raw clicks are kept this long; after it only the daily rollups (which every report reads) remain. */
export const RAW_CLICK_RETENTION_MONTHS = 13;

/**
 * Deletes raw clicks older than the retention window, a batch at a time so no single statement holds
 * locks for long while the click writer keeps inserting. Rollups are untouched: totals do not change.
 */
export async function purgeExpiredClicks({
  now = new Date(),
  batchSize = 10_000,
}: {
  now?: Date;
  batchSize?: number;
} = {}): Promise<number> {
  const cutoff = subMonths(now, RAW_CLICK_RETENTION_MONTHS);
  let purged = 0;
  for (;;) {
    const [deleted] = await rows<{ n: number }>(sql`
      with doomed as (select id from ${clicks} where ${lt(clicks.clickedAt, cutoff)} limit ${batchSize}),
      gone as (delete from ${clicks} where id in (select id from doomed) returning 1)
      select count(*)::int as n from gone`);
    purged += deleted?.n ?? 0;
    if ((deleted?.n ?? 0) < batchSize) return purged;
  }
}

import { sql } from "drizzle-orm";
import { rows, type Tx } from "@/db/client";
import { rollupDaily, type Network } from "@/db/schema";

type RollupKey = { day: string; advocateId: string; postId: number; network: Network };
type Deltas = Partial<Record<"shares" | "scoredShares" | "clicks" | "countedClicks" | "reshares", number>>;

/** Adds to one day's rollup row; callers run it in the transaction that writes the raw row. */
export async function addToRollup(tx: Tx, key: RollupKey, deltas: Deltas): Promise<void> {
  await tx
    .insert(rollupDaily)
    .values({ ...key, ...deltas })
    .onConflictDoUpdate({
      target: [rollupDaily.day, rollupDaily.advocateId, rollupDaily.postId, rollupDaily.network],
      set: {
        shares: sql`${rollupDaily.shares} + excluded.shares`,
        scoredShares: sql`${rollupDaily.scoredShares} + excluded.scored_shares`,
        clicks: sql`${rollupDaily.clicks} + excluded.clicks`,
        countedClicks: sql`${rollupDaily.countedClicks} + excluded.counted_clicks`,
        reshares: sql`${rollupDaily.reshares} + excluded.reshares`,
      },
    });
}

/**
 * The rollup as the raw rows say it should be: shares by their advocate, clicks and reshares by the
 * advocate their link credits, each on its day in the company time zone.
 */
const rebuiltRollup = sql`
  with tz as (select time_zone from settings where id = 1),
  events as (
    select (s.created_at at time zone tz.time_zone)::date as day, s.advocate_id, s.post_id, s.network,
           1 as shares, s.earns_points::int as scored_shares, 0 as clicks, 0 as counted_clicks, 0 as reshares
      from shares s cross join tz
    union all
    select (c.clicked_at at time zone tz.time_zone)::date, l.advocate_id, l.post_id, l.network,
           0, 0, 1, c.counted::int, 0
      from clicks c join tracked_links l on l.id = c.link_id cross join tz
    union all
    select (r.created_at at time zone tz.time_zone)::date, r.advocate_id, l.post_id, l.network,
           0, 0, 0, 0, r.count
      from reshares r join tracked_links l on l.id = r.link_id cross join tz
  )
  select day, advocate_id, post_id, network,
         sum(shares)::int as shares, sum(scored_shares)::int as scored_shares, sum(clicks)::int as clicks,
         sum(counted_clicks)::int as counted_clicks, sum(reshares)::int as reshares
    from events group by day, advocate_id, post_id, network`;

export type RollupRow = {
  day: string;
  advocate_id: string;
  post_id: number;
  network: Network;
  shares: number;
  scored_shares: number;
  clicks: number;
  counted_clicks: number;
  reshares: number;
};

/** Rows where the live rollup and a rebuild from raw rows disagree (empty when they match). */
export async function rollupDrift(): Promise<{ live: RollupRow | null; rebuilt: RollupRow | null }[]> {
  const cols = sql`day::text as day, advocate_id, post_id, network::text as network, shares, scored_shares, clicks, counted_clicks, reshares`;
  const found = await rows<{ side: "live" | "rebuilt" } & RollupRow>(sql`
    with rebuilt as (${rebuiltRollup}),
    live as (select day, advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares from rollup_daily),
    only_live as (select * from live except select * from rebuilt),
    only_rebuilt as (select * from rebuilt except select * from live)
    select 'live' as side, ${cols} from only_live
    union all
    select 'rebuilt' as side, ${cols} from only_rebuilt
    order by day, advocate_id, post_id, network`);
  return found.map((row) => ({ live: row.side === "live" ? row : null, rebuilt: row.side === "rebuilt" ? row : null }));
}

/**
 * Replaces the rollup with a rebuild from raw rows (after a restore, or when raw data was fixed by hand).
 * Raw clicks older than the retention window are gone, so run it only within that window.
 */
export async function rebuildRollups(tx: Tx): Promise<number> {
  await tx.execute(sql`lock table rollup_daily in exclusive mode`);
  await tx.execute(sql`delete from rollup_daily`);
  const inserted = await rows<{ n: number }>(
    sql`with inserted as (
          insert into rollup_daily (day, advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
          ${rebuiltRollup}
          returning 1)
        select count(*)::int as n from inserted`,
    tx,
  );
  return inserted[0]?.n ?? 0;
}

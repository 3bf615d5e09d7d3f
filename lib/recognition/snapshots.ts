import { subDays } from "date-fns";
import { sql } from "drizzle-orm";
import { db, rows, type Db, type Tx } from "@/db/client";
import { rollupDaily, rollupOutcomes, scoreSnapshots, settings, users } from "@/db/schema";
import { dateToDay, dayToDate, type DayRange } from "@/lib/periods";
import { computeScores, SCORE_WEEKS, type Score, type ScoreInput } from "@/lib/recognition/score";

/** The days a week's score looks at: the 13 full weeks (Monday to Sunday) before its Monday. */
export function scoreWindow(week: string): DayRange & { from: string; to: string } {
  const monday = dayToDate(week);
  return { from: dateToDay(subDays(monday, SCORE_WEEKS * 7)), to: dateToDay(subDays(monday, 1)) };
}

/**
 * Conversions credited per advocate in the window (the root advocate of each chain; a deal counts once, at its first
 * event), from the outcome rollup: amplification takes them in beside reshares.
 */
async function creditedConversions(window: DayRange, on: Db | Tx): Promise<Map<string, number>> {
  const found = await rows<{ advocate_id: string; conversions: number }>(
    sql`select advocate_id, sum(conversions)::int as conversions from ${rollupOutcomes}
        where advocate_id is not null and day >= ${window.from}::date and day <= ${window.to}::date
        group by advocate_id`,
    on,
  );
  return new Map(found.map((r) => [r.advocate_id, r.conversions]));
}

/**
 * Every advocate's inputs for a week: the people who were active and had joined before the week began,
 * with their rollups in the window. Facebook shares count for nothing, as in the points rules; bots, repeats
 * and own clicks are already left out of counted clicks.
 */
export async function scoreInputs(week: string, on: Db | Tx = db): Promise<ScoreInput[]> {
  const window = scoreWindow(week);
  const found = await rows<{
    advocate_id: string;
    weeks: number;
    shares: number;
    counted_clicks: number;
    reshares: number;
  }>(
    sql`
    with w as (
      select r.advocate_id,
             count(distinct date_trunc('week', r.day::timestamp)) filter (where r.shares > 0 and r.network <> 'facebook')::int as weeks,
             coalesce(sum(r.shares) filter (where r.network <> 'facebook'), 0)::int as shares,
             sum(r.counted_clicks)::int as counted_clicks,
             sum(r.reshares)::int as reshares
      from ${rollupDaily} r
      where r.day >= ${window.from}::date and r.day <= ${window.to}::date
      group by r.advocate_id
    )
    select u.id as advocate_id, coalesce(w.weeks, 0) as weeks, coalesce(w.shares, 0) as shares,
           coalesce(w.counted_clicks, 0) as counted_clicks, coalesce(w.reshares, 0) as reshares
    from ${users} u left join w on w.advocate_id = u.id
    where u.active
      and u.created_at < (${week}::date::timestamp at time zone (select time_zone from ${settings} where id = 1))
    order by u.id`,
    on,
  );
  const conversions = await creditedConversions(window, on);
  return found.map((r) => ({
    advocateId: r.advocate_id,
    weeksWithShare: r.weeks,
    shares: r.shares,
    countedClicks: r.counted_clicks,
    reshares: r.reshares,
    conversions: conversions.get(r.advocate_id) ?? 0,
  }));
}

export type SnapshotRow = Score & Omit<ScoreInput, "advocateId">;

/** A week's scores computed now from the rollups (the weekly job stores exactly this). */
export async function computeWeek(week: string, on: Db | Tx = db): Promise<SnapshotRow[]> {
  const inputs = await scoreInputs(week, on);
  const scores = computeScores(inputs);
  return scores.map((score, i) => ({ ...inputs[i]!, ...score }));
}

/**
 * Stores a week's snapshot, once: a second run (another server, a retried job) finds the rows there and
 * adds nothing. The rows go in as one array per column, whatever the number of advocates.
 */
export async function writeWeeklySnapshot(week: string): Promise<number> {
  return db.transaction(async (tx) => {
    const computed = await computeWeek(week, tx);
    if (!computed.length) return 0;
    // Arrays of text for the parts: postgres-js sends number arrays as int4 whatever the cast says.
    const col = <K extends keyof SnapshotRow>(key: K) => sql.param(computed.map((row) => row[key]));
    const part = (key: "consistency" | "reach" | "resonance" | "amplification") =>
      sql.param(computed.map((row) => String(row[key])));
    const inserted = await rows<{ n: number }>(
      sql`with inserted as (
        insert into ${scoreSnapshots} (week, advocate_id, score, consistency, reach, resonance, amplification,
                                       weeks_with_share, shares, counted_clicks, reshares, conversions)
        select ${week}::date, advocate_id, score, consistency::float8, reach::float8, resonance::float8, amplification::float8,
               weeks_with_share, shares, counted_clicks, reshares, conversions
        from unnest(${col("advocateId")}::text[], ${col("score")}::int[], ${part("consistency")}::text[],
                    ${part("reach")}::text[], ${part("resonance")}::text[], ${part("amplification")}::text[],
                    ${col("weeksWithShare")}::int[], ${col("shares")}::int[], ${col("countedClicks")}::int[],
                    ${col("reshares")}::int[], ${col("conversions")}::int[])
          as s(advocate_id, score, consistency, reach, resonance, amplification, weeks_with_share, shares,
               counted_clicks, reshares, conversions)
        on conflict (week, advocate_id) do nothing
        returning 1)
      select count(*)::int as n from inserted`,
      tx,
    );
    return inserted[0]?.n ?? 0;
  });
}

/** A stored week, in the shape computeWeek returns, for comparing and for reading back. */
export async function storedWeek(week: string, on: Db | Tx = db): Promise<SnapshotRow[]> {
  const found = await on
    .select({
      advocateId: scoreSnapshots.advocateId,
      score: scoreSnapshots.score,
      consistency: scoreSnapshots.consistency,
      reach: scoreSnapshots.reach,
      resonance: scoreSnapshots.resonance,
      amplification: scoreSnapshots.amplification,
      weeksWithShare: scoreSnapshots.weeksWithShare,
      shares: scoreSnapshots.shares,
      countedClicks: scoreSnapshots.countedClicks,
      reshares: scoreSnapshots.reshares,
      conversions: scoreSnapshots.conversions,
    })
    .from(scoreSnapshots)
    .where(sql`${scoreSnapshots.week} = ${week}::date`)
    .orderBy(scoreSnapshots.advocateId);
  return found;
}

/** The most recent week with a snapshot, or null before the first run. */
export async function latestSnapshotWeek(on: Db | Tx = db): Promise<string | null> {
  const [row] = await rows<{ week: string | null }>(sql`select max(week)::text as week from ${scoreSnapshots}`, on);
  return row?.week ?? null;
}

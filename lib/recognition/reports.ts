import { format, subMonths } from "date-fns";
import { sql } from "drizzle-orm";
import { readRows } from "@/db/client";
import { scoreSnapshots, teams, users, visitorMonths } from "@/db/schema";
import { dateToDay, dayToDate } from "@/lib/periods";
import { bestNextStep, type ScoreAdvice } from "@/lib/recognition/score";
import { latestSnapshotWeek, storedWeek, type SnapshotRow } from "@/lib/recognition/snapshots";

export type MyScore = {
  week: string | null;
  current: SnapshotRow | null;
  advice: ScoreAdvice | null;
  /** Weekly scores of the last 12 months, oldest first. */
  trend: { week: string; score: number }[];
};

/** My stats' score: the latest snapshot, the best next step against the same week's colleagues, and the trend. */
export async function getMyScore(advocateId: string): Promise<MyScore> {
  const week = await latestSnapshotWeek();
  if (!week) return { week: null, current: null, advice: null, trend: [] };
  const everyone = await storedWeek(week);
  const current = everyone.find((row) => row.advocateId === advocateId) ?? null;
  const since = dateToDay(subMonths(dayToDate(week), 12));
  const trend = await readRows<{ week: string; score: number }>(sql`
    select week::text as week, score from ${scoreSnapshots}
    where advocate_id = ${advocateId} and week > ${since}::date order by week`);
  return { week, current, advice: current ? bestNextStep(current, everyone) : null, trend };
}

/** The latest score of each advocate (null before their first snapshot), for a row the leaderboard does not rank. */
export async function latestScores(advocateIds: string[]): Promise<Map<string, number>> {
  if (!advocateIds.length) return new Map();
  const found = await readRows<{ advocate_id: string; score: number }>(sql`
    select advocate_id, score from ${scoreSnapshots}
    where week = (select max(week) from ${scoreSnapshots}) and advocate_id = any(${sql.param(advocateIds)}::text[])`);
  return new Map(found.map((row) => [row.advocate_id, row.score]));
}

export const SCORE_BANDS = ["0–19", "20–39", "40–59", "60–79", "80–100"] as const;

export type TeamScoreRow = { team: string; advocates: number; median: number; bands: number[] };

/** The latest week's scores by team (and a row for people without one): how many fall in each band, and the median. */
export async function getTeamScores(): Promise<{ week: string | null; rows: TeamScoreRow[] }> {
  const week = await latestSnapshotWeek();
  if (!week) return { week, rows: [] };
  const found = await readRows<{ team: string | null; advocates: number; median: number; bands: number[] }>(sql`
    select t.name as team, count(*)::int as advocates,
           percentile_cont(0.5) within group (order by s.score)::float8 as median,
           array[count(*) filter (where s.score < 20), count(*) filter (where s.score between 20 and 39),
                 count(*) filter (where s.score between 40 and 59), count(*) filter (where s.score between 60 and 79),
                 count(*) filter (where s.score >= 80)]::int[] as bands
    from ${scoreSnapshots} s join ${users} u on u.id = s.advocate_id left join ${teams} t on t.id = u.team_id
    where s.week = ${week}::date
    group by t.name order by t.name nulls last`);
  return {
    week,
    rows: found.map((r) => ({ team: r.team ?? "No team", advocates: r.advocates, median: r.median, bands: r.bands })),
  };
}

export type SocialCapitalMonth = { month: string; label: string; visitors: number; medianScore: number | null };

/**
 * Social capital over the last 12 months: distinct counted visitors reached (the monthly counts, which outlive
 * raw clicks) and the median score of each month's last snapshot.
 */
export async function getSocialCapital(today: string): Promise<SocialCapitalMonth[]> {
  const months = Array.from({ length: 12 }, (_, i) =>
    dateToDay(subMonths(new Date(`${today.slice(0, 7)}-01T12:00:00Z`), 11 - i)).slice(0, 7),
  );
  const from = `${months[0]}-01`;
  const visitors = await readRows<{ month: string; visitors: number }>(sql`
    select to_char(month, 'YYYY-MM') as month, sum(visitors)::int as visitors from ${visitorMonths}
    where month >= ${from}::date group by 1`);
  const medians = await readRows<{ month: string; median: number }>(sql`
    with last_weeks as (
      select max(week) as week from ${scoreSnapshots} where week >= ${from}::date group by date_trunc('month', week)
    )
    select to_char(s.week, 'YYYY-MM') as month, percentile_cont(0.5) within group (order by s.score)::float8 as median
    from ${scoreSnapshots} s join last_weeks l on l.week = s.week group by 1`);
  return months.map((month) => ({
    month,
    label: format(dayToDate(`${month}-01`), "MMM yyyy"),
    visitors: visitors.find((v) => v.month === month)?.visitors ?? 0,
    medianScore: medians.find((m) => m.month === month)?.median ?? null,
  }));
}

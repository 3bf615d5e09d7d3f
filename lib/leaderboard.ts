import { sql, type SQL } from "drizzle-orm";
import { readRows } from "@/db/client";
import { rollupTotals, scoreSnapshots, settings, suggestions, teams, users } from "@/db/schema";
import type { DayRange } from "@/lib/periods";
import { clickRollupRowsBy, dayFilter, FACEBOOK_SHARES, outcomeRollupRowsBy } from "@/lib/rollup-rows";

export type LeaderboardRow = {
  rank: number;
  advocateId: string;
  name: string;
  team: string | null;
  shares: number;
  countedClicks: number;
  reshares: number;
  /** Conversions credited to the advocate (a deal counts once). */
  influenced: number;
  points: number;
  /** The influence score of the latest weekly snapshot (whatever the period); null before the advocate's first. */
  score: number | null;
};

export const LEADERBOARD_PAGE_SIZE = 25;

export type LeaderboardOptions = {
  page?: number;
  /** Whose row to return as `me` whatever page it falls on. */
  viewerId?: string;
  /** Days in the company time zone; all time when absent. */
  range?: DayRange;
  /** Only advocates of this team (ranked among themselves). */
  teamId?: number | null;
  pageSize?: number;
};

/**
 * Points of a rollup row `r` under the admin's current point values (`s`): computed at read time, so a
 * change of point values re-scores all history at once. Shares past the daily cap were stored unscored.
 */
const pointsWith = (facebookShares: SQL) => sql`((r.scored_shares - ${facebookShares}) * s.points_share
  + ${facebookShares} * s.points_share_facebook + r.counted_clicks * s.points_click + r.reshares * s.points_reshare)`;

export const POINTS = pointsWith(sql`case when r.network = 'facebook' then r.scored_shares else 0 end`);

/** POINTS for an advocate's rows, which carry their Facebook shares apart instead of a network. */
const ADVOCATE_POINTS = pointsWith(sql`r.facebook_scored_shares`);

export const SCORING = sql`s as (select points_share, points_share_facebook, points_click, points_reshare from ${settings} where id = 1)`;

/** The admin's points per credited conversion (a deal once; default 0). */
/**
 * What earns points beside shares and clicks, one row per advocate and day: credited conversions (the
 * "Influenced" column) and suggestions a curator accepted, on the day of acceptance in company time (read only
 * while suggestion points are above 0). The leaderboard and the team standings both add them.
 */
function pointsBesideClicks(range: DayRange | undefined): SQL {
  return sql`(
    select o.advocate_id, o.day, o.conversions as influenced, 0 as accepted
    from ${outcomeRollupRowsBy(range, "advocate")} o where o.advocate_id is not null
    union all
    select g.suggested_by_id, (g.decided_at at time zone st.time_zone)::date, 0, 1
    from ${suggestions} g cross join ${settings} st
    where st.id = 1 and st.points_suggestion > 0 and g.status = 'accepted' and g.suggested_by_id is not null
  )`;
}

/** The name the leaderboard shows: a hidden one is "Anonymous advocate", still ranked (docs/product.md#privacy). */
export const DISPLAY_NAME = sql`case when u.hide_name then 'Anonymous advocate' else coalesce(nullif(u.name, ''), split_part(u.email, '@', 1)) end`;

type Raw = {
  rank: number;
  position: number;
  total: number;
  advocate_id: string;
  name: string;
  team: string | null;
  shares: number;
  counted_clicks: number;
  reshares: number;
  influenced: number;
  points: number;
  score: number | null;
};

/**
 * Where a period's rows come from: all time reads rollup_totals (a few rows per advocate, kept by a trigger
 * on rollup_daily); a bounded period reads each advocate's whole months from rollup_by_month and the rest by day.
 */
function rollupSource(range: DayRange | undefined): SQL {
  return range?.from || range?.to
    ? clickRollupRowsBy(range, "advocate")
    : sql`(select advocate_id, shares, scored_shares, counted_clicks, reshares, ${FACEBOOK_SHARES} from ${rollupTotals})`;
}

function rankedAdvocates({ range, teamId }: Pick<LeaderboardOptions, "range" | "teamId">): SQL {
  // The team filter goes inside the aggregate so a team's board reads only its members' rollup rows.
  const team = teamId != null ? sql` and r.advocate_id in (select id from ${users} where team_id = ${teamId})` : sql``;
  // Advocates with any activity in the period, active ones only: a deactivated person's history stays in
  // the dashboard's totals but they no longer compete. Ties share a rank (1, 2, 2, 4); within a tie the
  // order is by name so pages are stable.
  return sql`
    with ${SCORING},
    totals as (
      select r.advocate_id,
             sum(r.shares)::int as shares,
             sum(r.counted_clicks)::int as counted_clicks,
             sum(r.reshares)::int as reshares,
             sum(${ADVOCATE_POINTS})::int as points
      from ${rollupSource(range)} r cross join s
      where ${dayFilter(range)}${team}
      group by r.advocate_id
    ),
    -- Credited conversions (README "Outcomes"): the "Influenced" column, worth the admin's conversion points (default 0),
    -- and accepted suggestions on the day a curator accepted them, worth the suggestion points (default 0: not counted).
    extras as (
      select r.advocate_id, sum(r.influenced)::int as influenced, sum(r.accepted)::int as accepted
      from ${pointsBesideClicks(range)} r
      where ${dayFilter(range)}${team}
      group by r.advocate_id
    ),
    combined as (
      select coalesce(t.advocate_id, o.advocate_id) as advocate_id, coalesce(t.shares, 0) as shares,
             coalesce(t.counted_clicks, 0) as counted_clicks, coalesce(t.reshares, 0) as reshares,
             coalesce(o.influenced, 0) as influenced,
             (coalesce(t.points, 0) + coalesce(o.influenced, 0) * st.points_conversion
               + coalesce(o.accepted, 0) * st.points_suggestion)::int as points
      from totals t full join extras o on o.advocate_id = t.advocate_id
      cross join (select points_conversion, points_suggestion from ${settings} where id = 1) st
    ),
    ranked as (
      select rank() over (order by t.points desc)::int as rank,
             row_number() over (order by t.points desc, ${DISPLAY_NAME}, t.advocate_id)::int as position,
             count(*) over ()::int as total,
             t.advocate_id, ${DISPLAY_NAME} as name, tm.name as team,
             t.shares, t.counted_clicks, t.reshares, t.influenced, t.points, sc.score
      from combined t
      join ${users} u on u.id = t.advocate_id and u.active
      left join ${teams} tm on tm.id = u.team_id
      -- The score is the latest weekly snapshot's (README "How points work"), not the period's: it has its own window.
      left join ${scoreSnapshots} sc on sc.advocate_id = t.advocate_id
        and sc.week = (select max(week) from ${scoreSnapshots})
    )`;
}

const toRow = (r: Raw): LeaderboardRow => ({
  rank: r.rank,
  advocateId: r.advocate_id,
  name: r.name,
  team: r.team,
  shares: r.shares,
  countedClicks: r.counted_clicks,
  reshares: r.reshares,
  influenced: r.influenced,
  points: r.points,
  score: r.score,
});

/**
 * Advocates ranked by points, read from the daily rollup (never raw clicks), for a period and optionally
 * one team. One pass ranks everyone; the page and the viewer's own row are picked out of it, so the
 * viewer's row is there even when it falls on another page.
 */
export async function getLeaderboard({
  page = 1,
  viewerId,
  range,
  teamId,
  pageSize = LEADERBOARD_PAGE_SIZE,
}: LeaderboardOptions = {}) {
  const offset = (Math.max(1, page) - 1) * pageSize;
  const viewer = viewerId ? sql` or advocate_id = ${viewerId}` : sql``;
  const found = await readRows<Raw>(sql`
    ${rankedAdvocates({ range, teamId })}
    select * from ranked
    where (position > ${offset} and position <= ${offset + pageSize})${viewer}
    order by position`);
  const items = found.filter((r) => r.position > offset && r.position <= offset + pageSize).map(toRow);
  const mine = viewerId ? found.find((r) => r.advocate_id === viewerId) : undefined;
  // Every returned row carries the total; an empty page past the end still needs it.
  const total = found[0]?.total ?? (offset > 0 ? await countRanked({ range, teamId }) : 0);
  const me = mine ? toRow(mine) : null;
  return { items, total, me, meOnPage: !!me && items.some((row) => row.advocateId === me.advocateId), page, pageSize };
}

/** Where one advocate stands in a period: ranked among everyone, and among their own team (null without one). */
export type Standings = {
  overall: { row: LeaderboardRow | null; rankedAdvocates: number };
  inTeam: { row: LeaderboardRow | null; rankedAdvocates: number } | null;
};

/**
 * An advocate's standing overall and in their team from one ranking of everyone (My stats): the team's ranks
 * are everyone's ranks restricted to its members, as the team's own board ranks them.
 */
export async function getStandings(
  viewer: { id: string; teamId: number | null },
  range?: DayRange,
): Promise<Standings> {
  const team = viewer.teamId ?? -1;
  const [found] = await readRows<
    Partial<Raw> & { ranked_total: number; team_total: number; team_rank: number | null }
  >(sql`
    ${rankedAdvocates({ range })},
    team_ranked as (
      select r.advocate_id, rank() over (order by r.points desc)::int as team_rank
      from ranked r join ${users} u on u.id = r.advocate_id where u.team_id = ${team}
    )
    select r.*, n.ranked_total, (select count(*)::int from team_ranked) as team_total, t.team_rank
    from (select count(*)::int as ranked_total from ranked) n
    left join ranked r on r.advocate_id = ${viewer.id}
    left join team_ranked t on t.advocate_id = ${viewer.id}`);
  const row = found?.advocate_id ? toRow(found as Raw) : null;
  return {
    overall: { row, rankedAdvocates: found?.ranked_total ?? 0 },
    inTeam:
      viewer.teamId == null
        ? null
        : {
            row: row && found?.team_rank != null ? { ...row, rank: found.team_rank } : null,
            rankedAdvocates: found?.team_total ?? 0,
          },
  };
}

/** A leaderboard row as shown: the viewer's own row has no rank while they have no activity in the period. */
export type ShownRow = Omit<LeaderboardRow, "rank"> & { rank: number | null };

/**
 * My own row is always on the board (docs/product.md#reports): ranked and pinned below the page when it is not
 * on it, or unranked with zeros when I have no activity in the period — unless the board is another team's.
 * `pinned` is the row to show below the page (null when none), `unranked` whether it is the zero row.
 */
export function ownRow(
  board: { me: LeaderboardRow | null; meOnPage: boolean },
  viewer: { id: string; name: string | null; email: string; teamId: number | null },
  scope: { teamId: number | null; viewerTeamName: string | null; viewerScore?: number | null },
): { pinned: ShownRow | null; unranked: boolean } {
  if (board.me) return { pinned: board.meOnPage ? null : board.me, unranked: false };
  if (scope.teamId !== null && scope.teamId !== viewer.teamId) return { pinned: null, unranked: false };
  const zero = { shares: 0, countedClicks: 0, reshares: 0, influenced: 0, points: 0, score: scope.viewerScore ?? null };
  const name = viewer.name || viewer.email.split("@")[0]!;
  return { pinned: { rank: null, advocateId: viewer.id, name, team: scope.viewerTeamName, ...zero }, unranked: true };
}

async function countRanked(options: Pick<LeaderboardOptions, "range" | "teamId">): Promise<number> {
  const [row] = await readRows<{ n: number }>(sql`${rankedAdvocates(options)} select count(*)::int as n from ranked`);
  return row?.n ?? 0;
}

/** Every ranked row in order, for the CSV export. */
export async function getLeaderboardRows(
  options: Pick<LeaderboardOptions, "range" | "teamId">,
): Promise<LeaderboardRow[]> {
  return (await readRows<Raw>(sql`${rankedAdvocates(options)} select * from ranked order by position`)).map(toRow);
}

export type TeamStandingRow = {
  rank: number;
  teamId: number;
  team: string;
  members: number;
  /** Members who shared at least once in the period. */
  sharers: number;
  shares: number;
  countedClicks: number;
  reshares: number;
  points: number;
  pointsPerMember: number;
};

/**
 * Teams against each other, ranked by points per active member so a team of 40 does not win by size.
 * Teams without active members are left out; ties share a rank.
 */
export async function getTeamLeaderboard({ range }: { range?: DayRange } = {}): Promise<TeamStandingRow[]> {
  type RawTeam = {
    rank: number;
    team_id: number;
    team: string;
    members: number;
    sharers: number;
    shares: number;
    counted_clicks: number;
    reshares: number;
    points: number;
    points_per_member: string;
  };
  const found = await readRows<RawTeam>(sql`
    with ${SCORING},
    members as (
      select team_id, count(*)::int as members from ${users} where active and team_id is not null group by team_id
    ),
    -- Each advocate's totals first (one hash aggregate), then per team: cheaper than a distinct count.
    per_advocate as (
      select r.advocate_id, sum(r.shares)::int as shares, sum(r.counted_clicks)::int as counted_clicks,
             sum(r.reshares)::int as reshares, sum(${ADVOCATE_POINTS})::int as points
      from ${rollupSource(range)} r cross join s
      where ${dayFilter(range)}
      group by r.advocate_id
    ),
    -- Credited conversions and accepted suggestions at their points, as on the leaderboard; none read while both are 0.
    per_advocate_outcomes as (
      select r.advocate_id, (sum(r.influenced) * st.points_conversion + sum(r.accepted) * st.points_suggestion)::int as points
      from ${pointsBesideClicks(range)} r
      cross join (select points_conversion, points_suggestion from ${settings} where id = 1) st
      where (st.points_conversion > 0 or st.points_suggestion > 0) and ${dayFilter(range)}
      group by r.advocate_id, st.points_conversion, st.points_suggestion
    ),
    totals as (
      select u.team_id, (count(*) filter (where a.shares > 0))::int as sharers,
             coalesce(sum(a.shares), 0)::int as shares, coalesce(sum(a.counted_clicks), 0)::int as counted_clicks,
             coalesce(sum(a.reshares), 0)::int as reshares,
             (coalesce(sum(a.points), 0) + coalesce(sum(o.points), 0))::int as points
      from per_advocate a
      full join per_advocate_outcomes o on o.advocate_id = a.advocate_id
      join ${users} u on u.id = coalesce(a.advocate_id, o.advocate_id) and u.active and u.team_id is not null
      group by u.team_id
    ),
    scored as (
      select tm.id as team_id, tm.name as team, m.members,
             coalesce(t.sharers, 0) as sharers, coalesce(t.shares, 0) as shares, coalesce(t.counted_clicks, 0) as counted_clicks,
             coalesce(t.reshares, 0) as reshares, coalesce(t.points, 0) as points,
             coalesce(t.points, 0)::numeric / m.members as per_member
      from ${teams} tm join members m on m.team_id = tm.id left join totals t on t.team_id = tm.id
    )
    select rank() over (order by per_member desc)::int as rank, team_id, team, members, sharers, shares, counted_clicks,
           reshares, points, round(per_member, 2)::text as points_per_member
    from scored order by per_member desc, team, team_id`);
  return found.map((r) => ({
    rank: r.rank,
    teamId: r.team_id,
    team: r.team,
    members: r.members,
    sharers: r.sharers,
    shares: r.shares,
    countedClicks: r.counted_clicks,
    reshares: r.reshares,
    points: r.points,
    pointsPerMember: Number(r.points_per_member),
  }));
}
